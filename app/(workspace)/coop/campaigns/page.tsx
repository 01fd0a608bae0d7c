import { titled } from "@/lib/i18n/server";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { formatFen } from "@/lib/core/money";
import { requireWorkspacePage } from "@/lib/auth";
import { listOwnProducts } from "@/lib/catalog";
import { listCoopCampaigns } from "@/lib/group-buys";
import { formatDay } from "@/lib/i18n/format-day";
import { pick } from "@/lib/i18n/locales";
import { listActiveStations } from "@/lib/stations";
import { CampaignForm } from "./_components/campaign-form";
import { createCampaignAction } from "./actions";

export const generateMetadata = titled("coopCampaigns");

export default async function CoopCampaignsPage({ searchParams }: { searchParams: Promise<{ coop?: string }> }) {
  const viewer = await requireWorkspacePage("coop");
  const sp = await searchParams;
  const coopId = viewer.caps.coopIds.includes(sp.coop ?? "") ? sp.coop! : viewer.caps.coopIds[0]!;
  const [locale, format, t, tg, campaigns, products, stations] = await Promise.all([
    getLocale(),
    getFormatter(),
    getTranslations("coopCampaigns"),
    getTranslations("groupBuys"),
    listCoopCampaigns(viewer, coopId),
    listOwnProducts(viewer, coopId),
    listActiveStations(),
  ]);
  const variants = products
    .filter((p) => p.status === "published")
    .flatMap((p) =>
      p.variants
        .filter((v) => v.status === "active")
        .map((v) => ({
          id: v.id,
          label: `${pick(locale, p.nameZh, p.nameEn)} · ${pick(locale, v.labelZh, v.labelEn)} · ${formatFen(v.priceFen, locale)}`,
        })),
    );
  return (
    <div className="flex flex-col gap-6" data-testid="coop-campaigns">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      <ul className="flex flex-col gap-3">
        {campaigns.map((c) => (
          <li key={c.id} className="rounded-xl bg-white p-3 text-sm ring-1 ring-rice-200" data-testid="coop-campaign">
            <p className="font-medium">
              {pick(locale, c.titleZh, c.titleEn)} · {formatFen(c.priceFen, locale)} ·{" "}
              <span data-testid="coop-campaign-status">{tg(`phase.${c.status === "open" ? "open" : c.status}`)}</span>
            </p>
            <p className="text-xs text-ink-500">
              {tg("progress", { sold: c.sold, cap: c.stockCap })} ·{" "}
              {t("window", {
                opens: format.dateTime(c.opensAt, "stamp"),
                closes: format.dateTime(c.closesAt, "stamp"),
              })}{" "}
              · {tg("pickupOn", { day: formatDay(c.pickupDay, locale) })}
            </p>
            {c.perStation.length ? (
              <ul className="mt-1 text-xs">
                {c.perStation.map((p) => (
                  <li key={p.stationNameZh}>
                    {pick(locale, p.stationNameZh, p.stationNameEn)}:{" "}
                    {t("stationTotal", { orders: p.orders, units: p.units })}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="mb-3 font-semibold">{t("new")}</h2>
        <CampaignForm
          action={createCampaignAction}
          variants={variants}
          stations={stations.map((s) => ({ id: s.id, name: pick(locale, s.nameZh, s.nameEn) }))}
        />
      </section>
    </div>
  );
}
