import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { formatFen } from "@/lib/core/money";
import { requireWorkspacePage } from "@/lib/auth";
import { listOwnProducts } from "@/lib/catalog";
import { listCoopTeamDeals } from "@/lib/group-buys";
import { pick } from "@/lib/i18n/locales";
import { TeamDealForm } from "./_components/team-deal-form";
import { createTeamDealAction } from "./actions";

export const generateMetadata = titled("coopTeamDeals");

export default async function CoopTeamDealsPage({ searchParams }: { searchParams: Promise<{ coop?: string }> }) {
  const viewer = await requireWorkspacePage("coop");
  const sp = await searchParams;
  const coopId = viewer.caps.coopIds.includes(sp.coop ?? "") ? sp.coop! : viewer.caps.coopIds[0]!;
  const [locale, format, t, deals, products] = await Promise.all([
    getLocale(),
    getFormatter(),
    getTranslations("coopTeamDeals"),
    listCoopTeamDeals(viewer, coopId),
    listOwnProducts(viewer, coopId),
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
  const when = (d: Date) => format.dateTime(d, "short");
  return (
    <div className="flex flex-col gap-6" data-testid="coop-team-deals">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      {deals.length === 0 ? <p className="text-sm text-ink-500">{t("none")}</p> : null}
      <ul className="flex flex-col gap-3">
        {deals.map((d) => (
          <li
            key={d.id}
            className="flex flex-col gap-1 rounded-xl bg-white p-3 text-sm ring-1 ring-rice-200"
            data-testid="coop-team-deal"
          >
            <p className="font-medium">
              {pick(locale, d.productNameZh, d.productNameEn)} · {pick(locale, d.variantLabelZh, d.variantLabelEn)} ·{" "}
              {formatFen(d.teamPriceFen, locale)} · {t("teamOf", { n: d.teamSize })} ·{" "}
              <span data-testid="coop-team-deal-status">{d.status === "active" ? t("active") : t("ended")}</span>
            </p>
            <p className="text-xs text-ink-700" data-testid="coop-team-deal-teams">
              {t("teams", d.teams)} ·{" "}
              {d.conversion === null ? t("conversionNone") : t("conversion", { rate: d.conversion })}
            </p>
            <p className="text-xs text-ink-500">
              {t("units", { units: d.unitsCommitted, cap: d.stockCap })} · {t("members", { n: d.members })} ·{" "}
              {t("window", { from: when(d.activeFrom), to: when(d.activeTo) })}
            </p>
            <Link href={`/coop/team-deals/${d.id}`} className="self-start text-paddy-700 underline">
              {t("details")}
            </Link>
          </li>
        ))}
      </ul>
      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="mb-3 font-semibold">{t("new")}</h2>
        <TeamDealForm action={createTeamDealAction} variants={variants} />
      </section>
    </div>
  );
}
