import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { randomUUID } from "node:crypto";
import { getLocale, getTranslations } from "next-intl/server";
import { Countdown } from "@/components/ui/countdown";
import { buttonClass } from "@/components/ui/button";
import { formatFen } from "@/lib/core/money";
import { getViewer } from "@/lib/auth";
import { getCampaign } from "@/lib/group-buys";
import { campaignPhase } from "@/lib/group-buys/contract";
import { formatDay } from "@/lib/i18n/format-day";
import { pick } from "@/lib/i18n/locales";
import { serverNow } from "@/lib/system";
import { CampaignOrderForm } from "./_components/campaign-order-form";
import { orderCampaignAction } from "./actions";

export const generateMetadata = titled("groupBuy");

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const campaign = await getCampaign(id);
  if (!campaign) notFound();
  const [locale, t, viewer] = await Promise.all([getLocale(), getTranslations("groupBuys"), getViewer()]);
  const at = serverNow();
  const phase = campaignPhase(campaign, at);
  return (
    <article className="mx-auto flex w-full max-w-2xl flex-col gap-4" data-testid="campaign-page">
      <div className="flex gap-4">
        {/* eslint-disable-next-line @next/next/no-img-element -- local image */}
        <img
          src={campaign.imagePath ?? "/images/placeholder.svg"}
          alt=""
          width={120}
          height={120}
          className="size-28 shrink-0 rounded-xl bg-rice-100"
        />
        <div className="flex flex-col gap-1">
          <h1 className="text-xl font-bold">{pick(locale, campaign.titleZh, campaign.titleEn)}</h1>
          <Link href={`/products/${campaign.productSlug}`} className="text-sm text-paddy-700">
            {pick(locale, campaign.productNameZh, campaign.productNameEn)} ·{" "}
            {pick(locale, campaign.variantLabelZh, campaign.variantLabelEn)}
          </Link>
          <p>
            <span className="text-xl font-semibold text-persimmon-600">{formatFen(campaign.priceFen, locale)}</span>{" "}
            <span className="text-sm text-ink-500 line-through">{formatFen(campaign.regularPriceFen, locale)}</span>
          </p>
        </div>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-xl bg-white p-4 text-sm ring-1 ring-rice-200">
        <dt className="text-ink-500">{t("ordered")}</dt>
        <dd data-testid="campaign-progress">{t("progress", { sold: campaign.sold, cap: campaign.stockCap })}</dd>
        {campaign.minTotalQuantity ? (
          <>
            <dt className="text-ink-500">{t("minimumLabel")}</dt>
            <dd>{t("minimum", { n: campaign.minTotalQuantity })}</dd>
          </>
        ) : null}
        <dt className="text-ink-500">{phase === "upcoming" ? t("opensIn") : t("closesIn")}</dt>
        <dd>
          <Countdown
            endsAt={(phase === "upcoming" ? campaign.opensAt : campaign.closesAt).toISOString()}
            serverNow={at.getTime()}
            doneLabel={t("closed")}
          />
        </dd>
        <dt className="text-ink-500">{t("pickupDay")}</dt>
        <dd>{formatDay(campaign.pickupDay, locale)}</dd>
        <dt className="text-ink-500">{t("status")}</dt>
        <dd data-testid="campaign-status">{t(`phase.${campaign.status === "open" ? phase : campaign.status}`)}</dd>
      </dl>
      {phase === "open" ? (
        viewer ? (
          <CampaignOrderForm
            action={orderCampaignAction}
            campaign={campaign}
            idempotencyKey={randomUUID()}
            locale={locale}
          />
        ) : (
          <Link
            href={`/login?callbackUrl=${encodeURIComponent(`/group-buys/${campaign.id}`)}`}
            className={buttonClass("primary")}
          >
            {t("signInToOrder")}
          </Link>
        )
      ) : null}
    </article>
  );
}
