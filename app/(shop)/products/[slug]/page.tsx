import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AddToCart } from "@/components/product/add-to-cart";
import { ProductCard, ProductGrid } from "@/components/product/product-card";
import { Section } from "@/components/ui/section";
import { formatFen } from "@/lib/core/money";
import { getProductPage as loadProductPage, listCoopProducts } from "@/lib/catalog";
import { cache } from "react";
import { pick, type Locale } from "@/lib/i18n/locales";
import { addToCartAction } from "../../cart/actions";

type Props = { params: Promise<{ slug: string }> };

// Metadata and page share one read per request.
const getProductPage = cache(loadProductPage);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [product, locale] = await Promise.all([params.then((p) => getProductPage(p.slug)), getLocale() as Promise<Locale>]);
  return product ? { title: pick(locale, product.nameZh, product.nameEn), description: pick(locale, product.summaryZh, product.summaryEn) } : {};
}

export default async function ProductPage({ params }: Props) {
  const { slug } = await params;
  const product = await getProductPage(slug);
  if (!product) notFound();
  const [locale, t, tp, tc, tcat, others] = await Promise.all([
    getLocale() as Promise<Locale>,
    getTranslations("productPage"),
    getTranslations("product"),
    getTranslations("certifications"),
    getTranslations("categories"),
    listCoopProducts(product.coop.slug, { exceptProductId: product.id, limit: 4 }),
  ]);
  const prices = product.variants.map((v) => v.priceFen);
  return (
    <article className="flex flex-col gap-6" data-testid="product-page">
      <div className="grid gap-4 md:grid-cols-2">
        {/* eslint-disable-next-line @next/next/no-img-element -- local SVGs and uploads */}
        <img src={product.imagePath ?? "/images/placeholder.svg"} alt={pick(locale, product.nameZh, product.nameEn)} width={480} height={480} className="aspect-square max-h-64 w-full rounded-2xl bg-rice-100 object-contain md:max-h-none" />
        <div className="flex flex-col gap-3">
          <Link href={`/categories/${product.category}`} className="text-xs text-paddy-700">
            {tcat.has(product.category) ? tcat(product.category) : product.category}
          </Link>
          <h1 className="text-2xl font-bold">{pick(locale, product.nameZh, product.nameEn)}</h1>
          <p className="text-ink-700">{pick(locale, product.summaryZh, product.summaryEn)}</p>
          {prices.length ? (
            <p className="text-xl font-semibold text-persimmon-600">
              {Math.min(...prices) === Math.max(...prices) ? formatFen(prices[0]!, locale) : tp("from", { price: formatFen(Math.min(...prices), locale) })}
            </p>
          ) : null}
          <AddToCart action={addToCartAction} variants={product.variants} locale={locale} />
        </div>
      </div>

      <section className="grid gap-3 rounded-xl bg-white p-4 ring-1 ring-rice-200 sm:grid-cols-2" data-testid="provenance">
        <h2 className="font-semibold sm:col-span-2">{t("provenance")}</h2>
        <Fact label={tp("origin")} value={`${pick(locale, product.originTownZh, product.originTownEn)} · ${pick(locale, product.originVillageZh, product.originVillageEn)}`} />
        {product.harvestedOn ? <Fact label={tp("harvest")} value={product.harvestedOn} /> : null}
        {product.harvestBatch ? <Fact label={tp("harvestBatch")} value={product.harvestBatch} /> : null}
        {product.certifications.length ? (
          <Fact label={tp("certifications")} value={product.certifications.map((k) => (tc.has(k) ? tc(k) : k)).join(" · ")} />
        ) : null}
      </section>

      <section className="flex flex-col gap-2">
        <h2 className="font-semibold">{t("description")}</h2>
        <p className="whitespace-pre-line text-ink-700">{pick(locale, product.descriptionZh, product.descriptionEn)}</p>
      </section>

      <section className="flex gap-3 rounded-xl bg-white p-4 ring-1 ring-rice-200" data-testid="coop-story">
        {/* eslint-disable-next-line @next/next/no-img-element -- local SVG */}
        <img src={product.coop.imagePath ?? "/images/placeholder.svg"} alt="" width={64} height={64} className="size-16 shrink-0 rounded-lg bg-rice-100" />
        <div className="flex flex-col gap-1">
          <Link href={`/coops/${product.coop.slug}`} className="font-semibold text-paddy-700 hover:underline">
            {pick(locale, product.coop.nameZh, product.coop.nameEn)}
          </Link>
          <p className="text-xs text-ink-500">{pick(locale, product.coop.villageZh, product.coop.villageEn)}</p>
          <p className="line-clamp-4 text-sm text-ink-700">{pick(locale, product.coop.storyZh, product.coop.storyEn)}</p>
        </div>
      </section>

      {others.length ? (
        <Section title={t("moreFromCoop")} moreHref={`/coops/${product.coop.slug}`} moreLabel={t("seeCoop")}>
          <ProductGrid>
            {others.map((o) => (
              <ProductCard
                key={o.id}
                product={o}
                locale={locale}
                labels={{ from: (price) => tp("from", { price }), soldOut: tp("soldOut"), onlyLeft: (count) => tp("onlyLeft", { count }) }}
              />
            ))}
          </ProductGrid>
        </Section>
      ) : null}
    </article>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <p className="text-sm">
      <span className="text-ink-500">{label}:</span> {value}
    </p>
  );
}
