import Link from "next/link";
import { formatFen } from "@/lib/core/money";
import { stockState, type ProductCardDto } from "@/lib/catalog/contract";
import { pick, type Locale } from "@/lib/i18n/locales";

export interface ProductCardLabels {
  from: (price: string) => string;
  soldOut: string;
  onlyLeft: (n: number) => string;
}

export function ProductCard({
  product,
  locale,
  labels,
}: {
  product: ProductCardDto;
  locale: Locale;
  labels: ProductCardLabels;
}) {
  const stock = stockState(product.totalStock);
  return (
    <Link
      href={`/products/${product.slug}`}
      className="group flex flex-col overflow-hidden rounded-xl bg-white ring-1 ring-rice-200 transition hover:shadow-md"
      data-testid="product-card"
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- small local SVGs and uploads; no optimizer needed */}
      <img
        src={product.imagePath ?? "/images/placeholder.svg"}
        alt=""
        width={480}
        height={480}
        className="aspect-square w-full bg-rice-100 object-cover"
        loading="lazy"
      />
      <div className="flex flex-1 flex-col gap-1 p-3">
        <h3 className="font-medium leading-snug group-hover:text-paddy-700">
          {pick(locale, product.nameZh, product.nameEn)}
        </h3>
        <p className="line-clamp-2 text-xs text-ink-500">{pick(locale, product.summaryZh, product.summaryEn)}</p>
        <p className="text-xs text-ink-500">{pick(locale, product.coopNameZh, product.coopNameEn)}</p>
        <div className="mt-auto flex items-baseline justify-between pt-1">
          <span className="font-semibold text-persimmon-600">
            {product.maxPriceFen > product.minPriceFen
              ? labels.from(formatFen(product.minPriceFen, locale))
              : formatFen(product.minPriceFen, locale)}
          </span>
          {stock.kind === "sold_out" ? (
            <span className="text-xs text-ink-500">{labels.soldOut}</span>
          ) : stock.kind === "low" ? (
            <span className="text-xs text-persimmon-600">{labels.onlyLeft(stock.left)}</span>
          ) : null}
        </div>
      </div>
    </Link>
  );
}

export function ProductGrid({ children }: { children: React.ReactNode }) {
  return <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">{children}</div>;
}
