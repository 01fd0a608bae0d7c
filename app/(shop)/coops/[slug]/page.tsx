import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { ProductList } from "@/components/catalog/product-list";
import { Section } from "@/components/ui/section";
import { readCoopPage, readCoopProducts } from "@/lib/catalog";
import { pick } from "@/lib/i18n/locales";

type Props = { params: Promise<{ slug: string }> };

// Metadata and page share one read per request.
const loadCoop = cache(readCoopPage);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [coop, locale] = await Promise.all([params.then((p) => loadCoop(p.slug)), getLocale()]);
  if (!coop) return {};
  return {
    title: pick(locale, coop.nameZh, coop.nameEn),
    description: pick(locale, coop.storyZh, coop.storyEn).slice(0, 160),
  };
}

export default async function CoopPage({ params }: Props) {
  const { slug } = await params;
  const coop = await loadCoop(slug);
  if (!coop) notFound();
  const [locale, t, products] = await Promise.all([
    getLocale(),
    getTranslations("coopPage"),
    readCoopProducts(coop.slug),
  ]);
  const shownAll = products.total <= products.products.length;
  return (
    <article className="flex flex-col gap-6" data-testid="coop-page">
      <header className="flex items-center gap-4">
        {/* eslint-disable-next-line @next/next/no-img-element -- local SVGs and uploads; no optimizer needed */}
        <img
          src={coop.imagePath ?? "/images/placeholder.svg"}
          alt=""
          width={96}
          height={96}
          className="size-20 shrink-0 rounded-2xl bg-rice-100 object-cover sm:size-24"
        />
        <div className="flex min-w-0 flex-col gap-1">
          <h1 className="text-xl font-bold sm:text-2xl">{pick(locale, coop.nameZh, coop.nameEn)}</h1>
          <p className="text-sm text-ink-500" data-testid="coop-village">
            {pick(locale, coop.villageZh, coop.villageEn)}
          </p>
          {coop.phone ? (
            <p className="text-sm">
              <span className="text-ink-500">{t("phone")}</span>{" "}
              <a href={`tel:${coop.phone.replace(/[^\d+]/g, "")}`} className="text-paddy-700 hover:underline">
                {coop.phone}
              </a>
            </p>
          ) : null}
        </div>
      </header>
      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200" aria-labelledby="coop-story-title">
        <h2 id="coop-story-title" className="mb-2 font-semibold">
          {t("story")}
        </h2>
        <p className="whitespace-pre-line break-words text-ink-700">{pick(locale, coop.storyZh, coop.storyEn)}</p>
      </section>
      <Section
        title={t("products", { count: products.total })}
        moreHref={shownAll ? undefined : `/products?coop=${coop.slug}`}
        moreLabel={t("allProducts")}
      >
        {products.products.length ? (
          <ProductList products={products.products} locale={locale} />
        ) : (
          <p className="text-sm text-ink-500">{t("noProducts")}</p>
        )}
      </Section>
    </article>
  );
}
