import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ProductCard, ProductGrid } from "@/components/product/product-card";
import { Section } from "@/components/ui/section";
import { getCoopPage as loadCoopPage, listCoopProducts } from "@/lib/catalog";
import { cache } from "react";
import { pick, type Locale } from "@/lib/i18n/locales";

type Props = { params: Promise<{ slug: string }> };

const getCoopPage = cache(loadCoopPage);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [coop, locale] = await Promise.all([params.then((p) => getCoopPage(p.slug)), getLocale() as Promise<Locale>]);
  return coop ? { title: pick(locale, coop.nameZh, coop.nameEn) } : {};
}

export default async function CoopPage({ params }: Props) {
  const { slug } = await params;
  const coop = await getCoopPage(slug);
  if (!coop) notFound();
  const [locale, t, tp, products] = await Promise.all([getLocale() as Promise<Locale>, getTranslations("coopPage"), getTranslations("product"), listCoopProducts(slug)]);
  return (
    <article className="flex flex-col gap-6" data-testid="coop-page">
      <header className="flex items-center gap-4">
        {/* eslint-disable-next-line @next/next/no-img-element -- local SVG */}
        <img src={coop.imagePath ?? "/images/placeholder.svg"} alt="" width={96} height={96} className="size-24 shrink-0 rounded-2xl bg-rice-100" />
        <div>
          <h1 className="text-2xl font-bold">{pick(locale, coop.nameZh, coop.nameEn)}</h1>
          <p className="text-sm text-ink-500">{pick(locale, coop.villageZh, coop.villageEn)}</p>
          {coop.phone ? <p className="text-sm text-ink-500">{t("phone", { phone: coop.phone })}</p> : null}
        </div>
      </header>
      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="mb-2 font-semibold">{t("story")}</h2>
        <p className="whitespace-pre-line text-ink-700">{pick(locale, coop.storyZh, coop.storyEn)}</p>
      </section>
      <Section title={t("products", { count: products.length })}>
        <ProductGrid>
          {products.map((p) => (
            <ProductCard key={p.id} product={p} locale={locale} labels={{ from: (price) => tp("from", { price }), soldOut: tp("soldOut"), onlyLeft: (count) => tp("onlyLeft", { count }) }} />
          ))}
        </ProductGrid>
      </Section>
    </article>
  );
}
