import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { formatFen } from "@/lib/core/money";
import { pick, type Locale } from "@/lib/i18n/locales";
import type { LiveProductDto } from "@/lib/live/contract";

/** The pinned product (讲解中), or one bag entry: a hidden price shows as "price coming". */
export function LiveProductCard({
  product,
  locale,
  badge,
  hiddenLabel,
  buyLabel,
  compact,
}: {
  product: LiveProductDto;
  locale: Locale;
  badge?: string;
  hiddenLabel: string;
  buyLabel?: string;
  compact?: boolean;
}) {
  return (
    <div
      className={cn("flex gap-3 rounded-xl bg-white p-2 ring-1 ring-rice-200", !compact && "shadow-md")}
      data-testid={compact ? "bag-item" : "pinned-card"}
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- local image */}
      <img
        src={product.imagePath ?? "/images/placeholder.svg"}
        alt=""
        width={64}
        height={64}
        className={cn(compact ? "size-12" : "size-16", "shrink-0 rounded-lg bg-rice-100")}
      />
      <div className="min-w-0 flex-1">
        {badge ? <span className="rounded bg-persimmon-600 px-1.5 py-0.5 text-xs text-white">{badge}</span> : null}
        <p className="truncate font-medium" data-testid="live-product-name">
          {pick(locale, product.nameZh, product.nameEn)}
        </p>
        <p className="text-sm font-semibold text-persimmon-600" data-testid="live-product-price">
          {product.minPriceFen === null ? hiddenLabel : formatFen(product.minPriceFen, locale)}
        </p>
      </div>
      {buyLabel ? (
        <Link
          href={`/products/${product.slug}`}
          className="self-center rounded-lg bg-paddy-600 px-3 py-2 text-sm text-white"
        >
          {buyLabel}
        </Link>
      ) : null}
    </div>
  );
}
