import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import { formatFen } from "@/lib/core/money";
import { requireWorkspacePage } from "@/lib/auth";
import { getCoopTeamDeal } from "@/lib/group-buys";
import { pick } from "@/lib/i18n/locales";
import { orNotFound } from "../../_lib/or-not-found";
import { endTeamDealAction } from "../actions";

export const generateMetadata = titled("coopTeamDeal");

export default async function CoopTeamDealPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireWorkspacePage("coop");
  const { id } = await params;
  // Another cooperative's deal (or none) is the 404 page.
  const { deal, teams } = await orNotFound(getCoopTeamDeal(viewer, id));
  const [locale, format, t, tt] = await Promise.all([
    getLocale(),
    getFormatter(),
    getTranslations("coopTeamDeals"),
    getTranslations("teams"),
  ]);
  const when = (d: Date) => format.dateTime(d, "short");
  return (
    <div className="flex flex-col gap-4" data-testid="coop-team-deal-page">
      <Link href="/coop/team-deals" className="text-sm text-paddy-700 underline">
        {t("back")}
      </Link>
      <h1 className="text-xl font-bold">
        {pick(locale, deal.productNameZh, deal.productNameEn)} ·{" "}
        {pick(locale, deal.variantLabelZh, deal.variantLabelEn)} · {formatFen(deal.teamPriceFen, locale)}
      </h1>
      <p className="text-sm text-ink-700">
        {t("teams", deal.teams)} ·{" "}
        {deal.conversion === null ? t("conversionNone") : t("conversion", { rate: deal.conversion })} ·{" "}
        {t("units", { units: deal.unitsCommitted, cap: deal.stockCap })}
      </p>
      {deal.status === "active" ? (
        <ActionButton
          action={endTeamDealAction}
          fields={{ dealId: deal.id }}
          label={t("end")}
          variant="secondary"
          testId="end-team-deal"
        />
      ) : (
        <p className="text-sm">{t("ended")}</p>
      )}
      <h2 className="font-semibold">{t("teamList")}</h2>
      {teams.length === 0 ? <p className="text-sm text-ink-500">{t("noTeams")}</p> : null}
      <ul className="flex flex-col gap-2">
        {teams.map((team) => (
          <li
            key={team.id}
            className="flex flex-wrap justify-between gap-2 rounded-lg bg-white p-2 text-sm ring-1 ring-rice-200"
            data-testid="coop-team"
          >
            <span>{tt(`status.${team.status}`)}</span>
            <span>{t("seats", { seats: team.seats, size: team.size })}</span>
            <span className="text-ink-500">
              {team.stationNameZh ? pick(locale, team.stationNameZh, team.stationNameEn ?? team.stationNameZh) : "—"}
            </span>
            <span className="text-ink-500">{t("expiresAt", { time: when(team.expiresAt) })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
