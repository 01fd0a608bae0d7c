import Link from "next/link";
import { formatFen } from "@/lib/core/money";
import type { CampaignCardDto } from "@/lib/group-buys/contract";
import { pick, type Locale } from "@/lib/i18n/locales";
import { Countdown } from "@/components/ui/countdown";

export interface CampaignCardLabels {
  progress: (sold: number, cap: number) => string;
  pickup: (day: string) => string;
  closesIn: string;
  closed: string;
  minimum: (n: number) => string;
}

/** A group buy at a glance: price against the usual price, progress to the cap, time left. */
export function CampaignCard({
  c,
  locale,
  labels,
  serverNow,
}: {
  c: CampaignCardDto;
  locale: Locale;
  labels: CampaignCardLabels;
  serverNow: number;
}) {
  const pct = Math.min(100, Math.round((c.sold / c.stockCap) * 100));
  return (
    <Link
      href={`/group-buys/${c.id}`}
      className="flex gap-3 rounded-xl bg-white p-3 ring-1 ring-rice-200 hover:shadow-md"
      data-testid="campaign-card"
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- local image */}
      <img
        src={c.imagePath ?? "/images/placeholder.svg"}
        alt=""
        width={88}
        height={88}
        className="size-22 shrink-0 rounded-lg bg-rice-100"
      />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="truncate font-medium">{pick(locale, c.titleZh, c.titleEn)}</p>
        <p className="text-xs text-ink-500">
          {pick(locale, c.productNameZh, c.productNameEn)} · {pick(locale, c.variantLabelZh, c.variantLabelEn)} ·{" "}
          {pick(locale, c.coopNameZh, c.coopNameEn)}
        </p>
        <p className="text-sm">
          <span className="font-semibold text-persimmon-600">{formatFen(c.priceFen, locale)}</span>{" "}
          <span className="text-xs text-ink-500 line-through">{formatFen(c.regularPriceFen, locale)}</span>
        </p>
        <div className="h-1.5 overflow-hidden rounded-full bg-rice-100" aria-hidden>
          <div className="h-full bg-paddy-500" style={{ width: `${pct}%` }} />
        </div>
        <p className="flex flex-wrap justify-between gap-x-2 text-xs text-ink-700">
          <span data-testid="campaign-progress">{labels.progress(c.sold, c.stockCap)}</span>
          <span>
            {labels.closesIn}{" "}
            <Countdown endsAt={c.closesAt.toISOString()} serverNow={serverNow} doneLabel={labels.closed} />
          </span>
        </p>
        <p className="text-xs text-paddy-700">
          {labels.pickup(c.pickupDay)}
          {c.minTotalQuantity ? ` · ${labels.minimum(c.minTotalQuantity)}` : ""}
        </p>
      </div>
    </Link>
  );
}
