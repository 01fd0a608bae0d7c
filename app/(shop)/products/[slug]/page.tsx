import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { addToCartAction } from "@/app/(shop)/cart/actions";
import { ProductList } from "@/components/catalog/product-list";
import { AddToCart } from "@/components/product/add-to-cart";
import { Section } from "@/components/ui/section";
import { readCoopProducts, readProductPage } from "@/lib/catalog";
import type { ProductPageDto } from "@/lib/catalog/contract";
import { formatFen } from "@/lib/core/money";
import { pick, type Locale } from "@/lib/i18n/locales";
import { lookup } from "@/lib/i18n/lookup";
import { CoopStory } from "./_components/coop-story";
import { Provenance } from "./_components/provenance";
import { TeamDealsSection } from "./_components/team-deals";

type Props = { params: Promise<{ slug: string }> };

const OTHER_PRODUCTS = 4;

// Metadata and page share one read per request.
const loadProduct = cache(readProductPage);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [product, locale] = await Promise.all([params.then((p) => loadProduct(p.slug)), getLocale()]);
  if (!product) return {};
  return {
    title: pick(locale, product.nameZh, product.nameEn),
    description: pick(locale, product.summaryZh, product.summaryEn),
  };
}

export default async function ProductPage({ params }: Props) {
  const { slug } = await params;
  const product = await loadProduct(slug);
  if (!product) notFound();
  const [locale, t, tcat, coopProducts] = await Promise.all([
    getLocale(),
    getTranslations("productPage"),
    getTranslations("categories"),
    readCoopProducts(product.coop.slug),
  ]);
  const others = coopProducts.products.filter((p) => p.id !== product.id).slice(0, OTHER_PRODUCTS);
  const name = pick(locale, product.nameZh, product.nameEn);
  return (
    <article className="flex flex-col gap-6" data-testid="product-page">
      <div className="grid gap-4 md:grid-cols-2">
        {/* eslint-disable-next-line @next/next/no-img-element -- local SVGs and uploads; no optimizer needed */}
        <img
          src={product.imagePath ?? "/images/placeholder.svg"}
          alt={name}
          width={480}
          height={480}
          className="aspect-square max-h-72 w-full rounded-2xl bg-rice-100 object-contain md:max-h-none"
        />
        <div className="flex min-w-0 flex-col gap-3">
          <Link href={`/categories/${product.category}`} className="self-start text-xs text-paddy-700 hover:underline">
            {lookup(tcat, product.category)}
          </Link>
          <h1 className="text-2xl font-bold">{name}</h1>
          <p className="text-ink-700">{pick(locale, product.summaryZh, product.summaryEn)}</p>
          <PriceLine product={product} locale={locale} fromLabel={(price) => t("priceFrom", { price })} />
          <AddToCart addToCart={addToCartAction} variants={product.variants} locale={locale} />
        </div>
      </div>
      <TeamDealsSection productId={product.id} locale={locale} />
      <Provenance product={product} locale={locale} />
      <section className="flex flex-col gap-2" aria-labelledby="description-title">
        <h2 id="description-title" className="font-semibold">
          {t("description")}
        </h2>
        <p className="whitespace-pre-line break-words text-ink-700">
          {pick(locale, product.descriptionZh, product.descriptionEn)}
        </p>
      </section>
      <CoopStory coop={product.coop} locale={locale} />
      {others.length ? (
        <Section title={t("moreFromCoop")} moreHref={`/coops/${product.coop.slug}`} moreLabel={t("seeCoop")}>
          <ProductList products={others} locale={locale} />
        </Section>
      ) : null}
    </article>
  );
}

function PriceLine({
  product,
  locale,
  fromLabel,
}: {
  product: ProductPageDto;
  locale: Locale;
  fromLabel: (price: string) => string;
}) {
  const prices = product.variants.map((v) => v.priceFen);
  if (!prices.length) return null;
  const lowest = Math.min(...prices);
  const single = prices.every((p) => p === lowest);
  return (
    <p className="text-xl font-semibold text-persimmon-600">
      {single ? formatFen(lowest, locale) : fromLabel(formatFen(lowest, locale))}
    </p>
  );
}
