import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { randomUUID } from "node:crypto";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import { Notice } from "@/components/ui/notice";
import { getViewer, siteOrigin } from "@/lib/auth";
import { formatFen } from "@/lib/core/money";
import { env } from "@/lib/env";
import { getTeamView, teamShareQr } from "@/lib/group-buys";
import { pick } from "@/lib/i18n/locales";
import { onlinePaymentsEnabled } from "@/lib/payments";
import { listActiveStations } from "@/lib/stations";
import { joinTeamAction, payTeamAction } from "../actions";
import { ShareBox } from "../_components/share-box";
import { TeamEntryForm } from "../_components/team-entry-form";
import { TeamLive } from "../_components/team-live";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ returned?: string; payment?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ id }, locale, t] = await Promise.all([params, getLocale(), getTranslations("teams")]);
  const view = await getTeamView(null, id);
  return view
    ? { title: t("pageTitle", { name: pick(locale, view.deal.productNameZh, view.deal.productNameEn) }) }
    : {};
}

export default async function TeamPage({ params, searchParams }: Props) {
  const [{ id }, sp, viewer] = await Promise.all([params, searchParams, getViewer()]);
  const view = await getTeamView(viewer, id);
  if (!view) notFound();
  const [locale, t, stations] = await Promise.all([getLocale(), getTranslations("teams"), listActiveStations()]);
  const url = `${siteOrigin(await headers(), env().AUTH_URL)}/teams/${view.id}`;
  const qr = await teamShareQr(url);
  const deal = view.deal;
  const canJoin = view.status === "forming" && !view.mine && view.missing > 0;
  const productHref = `/products/${deal.productSlug}#team-deals`;
  const { deal: _deal, ...live } = view;
  return (
    <article className="mx-auto flex w-full max-w-2xl flex-col gap-4" data-testid="team-page">
      <div className="flex gap-3">
        {/* eslint-disable-next-line @next/next/no-img-element -- local image */}
        <img
          src={deal.imagePath ?? "/images/placeholder.svg"}
          alt=""
          width={96}
          height={96}
          className="size-24 shrink-0 rounded-xl bg-rice-100"
        />
        <div className="flex min-w-0 flex-col gap-1">
          <h1 className="text-lg font-bold">
            <Link href={productHref} className="hover:underline">
              {pick(locale, deal.productNameZh, deal.productNameEn)} ·{" "}
              {pick(locale, deal.variantLabelZh, deal.variantLabelEn)}
            </Link>
          </h1>
          <p>
            <span className="text-sm text-ink-500">{t("teamPrice")} </span>
            <span className="text-xl font-semibold text-persimmon-600" data-testid="team-price">
              {formatFen(deal.teamPriceFen, locale)}
            </span>{" "}
            <span className="text-sm text-ink-500 line-through">{formatFen(deal.regularPriceFen, locale)}</span>
          </p>
          <p className="text-sm text-ink-700">
            {t("teamOf", { n: view.size })}
            {view.station
              ? ` · ${t("stationFixed", { station: pick(locale, view.station.nameZh, view.station.nameEn) })}`
              : ""}
          </p>
        </div>
      </div>
      {sp.payment === "cancelled" ? <Notice>{t("paymentCancelled")}</Notice> : null}
      <TeamLive initial={live} />
      {view.mine?.status === "pending_payment" && view.status === "forming" ? (
        <div className="flex flex-col gap-2">
          <Notice>{t("pendingMine")}</Notice>
          <ActionButton
            action={payTeamAction}
            fields={{ orderNumber: view.mine.orderNumber }}
            label={t("payNow")}
            variant="primary"
            testId="team-pay-now"
          />
        </div>
      ) : null}
      {canJoin ? (
        viewer ? (
          <TeamEntryForm
            mode="join"
            action={joinTeamAction}
            target={view.id}
            stations={stations}
            fixedStation={view.station}
            onlineAvailable={onlinePaymentsEnabled()}
            idempotencyKey={randomUUID()}
            locale={locale}
            newTeamHref={productHref}
            testId="join-team-form"
          />
        ) : (
          <Link
            href={`/login?callbackUrl=${encodeURIComponent(`/teams/${view.id}`)}`}
            className="rounded-lg bg-paddy-600 px-4 py-2 text-center text-sm font-medium text-white"
            data-testid="sign-in-to-join"
          >
            {t("signInToJoin")}
          </Link>
        )
      ) : null}
      {view.status !== "forming" || (!canJoin && !view.mine) ? (
        <Link href={productHref} className="text-sm text-paddy-700 underline" data-testid="open-new-team">
          {view.status === "forming" ? t("closedOpenNew") : t("openNew")}
        </Link>
      ) : null}
      {view.status === "forming" ? <ShareBox url={url} qr={qr} /> : null}
    </article>
  );
}
