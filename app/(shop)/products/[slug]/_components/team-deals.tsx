import Link from "next/link";
import { randomUUID } from "node:crypto";
import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { Countdown } from "@/components/ui/countdown";
import { getViewer } from "@/lib/auth";
import { formatFen } from "@/lib/core/money";
import { listProductTeamDeals, usualPickupStation } from "@/lib/group-buys";
import { pick, type Locale } from "@/lib/i18n/locales";
import { onlinePaymentsEnabled } from "@/lib/payments";
import { listActiveStations } from "@/lib/stations";
import { serverNow } from "@/lib/system";
import { openTeamAction } from "@/app/(shop)/teams/actions";
import { TeamEntryForm } from "@/app/(shop)/teams/_components/team-entry-form";

const hues = [
  "bg-paddy-600",
  "bg-persimmon-500",
  "bg-sky-600",
  "bg-amber-600",
  "bg-violet-600",
  "bg-rose-600",
  "bg-teal-600",
  "bg-ink-700",
];

/**
 * 拼团 on the product page: each active team deal of the product with its teams still forming (join one, or
 * open your own). Station-scoped teams name their station, so a buyer sees the teams near them.
 */
export async function TeamDealsSection({ productId, locale }: { productId: string; locale: Locale }) {
  const viewer = await getViewer();
  const near = await usualPickupStation(viewer);
  const deals = await listProductTeamDeals(productId, { stationId: near?.id });
  if (!deals.length) return null;
  const [t, stations] = await Promise.all([getTranslations("teams"), listActiveStations()]);
  const at = serverNow().getTime();
  const online = onlinePaymentsEnabled();
  return (
    <section
      id="team-deals"
      className="flex flex-col gap-3"
      aria-labelledby="team-deals-title"
      data-testid="team-deals"
    >
      <h2 id="team-deals-title" className="font-semibold">
        {t("section")}
      </h2>
      {deals.map(({ deal, open, teams }) => (
        <div
          key={deal.id}
          className="flex flex-col gap-3 rounded-xl bg-white p-3 ring-1 ring-rice-200"
          data-testid="team-deal"
          data-deal-id={deal.id}
        >
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <span className="rounded bg-persimmon-500 px-2 py-0.5 text-xs font-semibold text-white">
              {t("teamOf", { n: deal.teamSize })}
            </span>
            <span className="text-sm">{pick(locale, deal.variantLabelZh, deal.variantLabelEn)}</span>
            <span>
              <span className="text-xs text-ink-500">{t("teamPrice")} </span>
              <span className="text-lg font-semibold text-persimmon-600" data-testid="team-deal-price">
                {formatFen(deal.teamPriceFen, locale)}
              </span>
            </span>
            <span className="text-xs text-ink-500">
              {t("regularPrice")} <span className="line-through">{formatFen(deal.regularPriceFen, locale)}</span>
            </span>
          </div>
          <p className="text-xs text-ink-500">
            {t("formingHours", { hours: Math.round(deal.formingMinutes / 60) })}
            {deal.sameStationOnly ? ` · ${t("sameStationOnly")}` : ""}
          </p>
          <p className="text-sm font-medium" data-testid="team-count" data-count={teams.length}>
            {t("teamsForming", { count: teams.length })}
            {near && teams.some((x) => x.station?.id === near.id) ? (
              <span className="ml-1 font-normal text-paddy-700" data-testid="teams-near">
                ·{" "}
                {t("teamsNear", {
                  count: teams.filter((x) => x.station?.id === near.id).length,
                  station: pick(locale, near.nameZh, near.nameEn),
                })}
              </span>
            ) : null}
          </p>
          {teams.length ? (
            <ul className="flex flex-col gap-2">
              {teams.map((team) => (
                <li
                  key={team.id}
                  className="flex items-center gap-3 rounded-lg bg-rice-50 p-2"
                  data-testid="open-team-card"
                  data-team-id={team.id}
                >
                  <span
                    className={cn(
                      "flex size-9 shrink-0 items-center justify-center rounded-full font-semibold text-white",
                      hues[team.leader.hue] ?? hues[0],
                    )}
                    aria-hidden
                  >
                    {team.leader.initial}
                  </span>
                  <span className="flex min-w-0 flex-1 flex-col text-sm">
                    <span className="truncate">
                      {team.leader.maskedName}
                      {team.station ? (
                        <span className="ml-1 text-xs text-paddy-700">
                          · {pick(locale, team.station.nameZh, team.station.nameEn)}
                        </span>
                      ) : null}
                    </span>
                    <span className="text-xs">
                      <span className="font-medium text-persimmon-600" data-testid="team-card-missing">
                        {t("missing", { n: team.missing })}
                      </span>{" "}
                      <span className="text-ink-500">
                        · <Countdown endsAt={team.expiresAt} serverNow={at} doneLabel={t("expired")} />
                      </span>
                    </span>
                  </span>
                  <Link
                    href={`/teams/${team.id}`}
                    className="shrink-0 rounded-lg bg-persimmon-500 px-3 py-1.5 text-sm font-medium text-white"
                    data-testid="join-team-link"
                  >
                    {t("joinThis")}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
          {open ? (
            viewer ? (
              <details className="group" data-testid="open-team">
                <summary
                  className="cursor-pointer list-none rounded-lg bg-paddy-600 px-4 py-2 text-center text-sm font-medium text-white"
                  data-testid="open-team-toggle"
                >
                  {t("openTeam")} · {formatFen(deal.teamPriceFen, locale)}
                </summary>
                <div className="mt-2">
                  <TeamEntryForm
                    mode="open"
                    action={openTeamAction}
                    target={deal.id}
                    stations={stations}
                    fixedStation={null}
                    onlineAvailable={online}
                    idempotencyKey={randomUUID()}
                    locale={locale}
                    newTeamHref="#team-deals"
                    testId="open-team-form"
                  />
                </div>
              </details>
            ) : (
              <Link
                href={`/login?callbackUrl=${encodeURIComponent(`/products/${deal.productSlug}#team-deals`)}`}
                className="rounded-lg bg-paddy-600 px-4 py-2 text-center text-sm font-medium text-white"
              >
                {t("signInToOpen")}
              </Link>
            )
          ) : (
            <p className="text-xs text-ink-500">{t("dealNotOpen")}</p>
          )}
        </div>
      ))}
    </section>
  );
}
