import { getLocale, getTranslations } from "next-intl/server";
import { CampaignCard } from "@/components/group-buy/campaign-card";
import { listOpenCampaigns } from "@/lib/group-buys";
import { serverNow } from "@/lib/system";
import { campaignCardLabels } from "./labels";

export async function generateMetadata() {
  const t = await getTranslations("groupBuys");
  return { title: t("title"), description: t("intro") };
}

export default async function GroupBuysPage() {
  const [locale, t, labels, campaigns] = await Promise.all([
    getLocale(),
    getTranslations("groupBuys"),
    campaignCardLabels(),
    listOpenCampaigns(48),
  ]);
  const at = serverNow().getTime();
  return (
    <>
      <h1 className="text-xl font-bold">{t("title")}</h1>
      <p className="text-sm text-ink-700">{t("intro")}</p>
      {campaigns.length === 0 ? <p className="py-8 text-center text-ink-700">{t("none")}</p> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        {campaigns.map((c) => (
          <CampaignCard key={c.id} c={c} locale={locale} labels={labels} serverNow={at} />
        ))}
      </div>
    </>
  );
}
