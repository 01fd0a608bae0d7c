import { titled } from "@/lib/i18n/server";
import { getLocale, getTranslations } from "next-intl/server";
import { AgreementList } from "@/components/agreements/agreement-list";
import { listAgreements } from "@/lib/agreements";
import { requireWorkspacePage } from "@/lib/auth";
import { listViewerCoops } from "@/lib/catalog";
import { CoopSwitcher } from "../_components/coop-switcher";

export const generateMetadata = titled("agreements");

export default async function CoopAgreementsPage({ searchParams }: { searchParams: Promise<{ coop?: string }> }) {
  const viewer = await requireWorkspacePage("coop");
  const sp = await searchParams;
  const coopId = viewer.caps.coopIds.includes(sp.coop ?? "") ? sp.coop! : viewer.caps.coopIds[0]!;
  const [locale, t, tw, agreements, coops] = await Promise.all([
    getLocale(),
    getTranslations("agreements"),
    getTranslations("coopWs"),
    listAgreements(viewer, "coop", coopId),
    listViewerCoops(viewer),
  ]);
  const incoming = agreements.filter(
    (a) => (a.status === "proposed" || a.status === "countered") && a.awaiting === "coop",
  );
  const current = agreements.filter((a) => a.status === "active");
  const others = agreements.filter((a) => !incoming.includes(a) && !current.includes(a));
  const href = (a: { id: string }) => `/coop/agreements/${a.id}?coop=${encodeURIComponent(coopId)}`;
  return (
    <div className="flex flex-col gap-6" data-testid="coop-agreements">
      <div className="flex flex-col gap-1">
        <h1 className="text-xl font-bold">{t("title")}</h1>
        <p className="text-sm text-ink-700">{t("coopIntro")}</p>
      </div>
      <CoopSwitcher coops={coops} currentId={coopId} basePath="/coop/agreements" label={tw("nav")} locale={locale} />
      <section className="flex flex-col gap-2" data-testid="coop-agreements-incoming">
        <h2 className="font-semibold">{t("incoming")}</h2>
        <AgreementList agreements={incoming} viewerSide="coop" href={href} />
      </section>
      <section className="flex flex-col gap-2" data-testid="coop-agreements-active">
        <h2 className="font-semibold">{t("current")}</h2>
        <AgreementList agreements={current} viewerSide="coop" href={href} />
      </section>
      {others.length ? (
        <section className="flex flex-col gap-2">
          <h2 className="font-semibold">{t("others")}</h2>
          <AgreementList agreements={others} viewerSide="coop" href={href} />
        </section>
      ) : null}
    </div>
  );
}
