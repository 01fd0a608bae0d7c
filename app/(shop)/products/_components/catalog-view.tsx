import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ProductCard, ProductGrid } from "@/components/product/product-card";
import { listCoops, listOriginTowns, searchProducts } from "@/lib/catalog";
import { categories, sortKeys, type CatalogQuery } from "@/lib/catalog/contract";
import { pick, type Locale } from "@/lib/i18n/locales";

/** The catalog listing with its GET filter form (works without JavaScript); shared by /products and /categories/[c]. */
export async function CatalogView({ query, basePath, fixedCategory }: { query: CatalogQuery; basePath: string; fixedCategory?: string }) {
  const [locale, t, tp, tcat, result, coops, towns] = await Promise.all([
    getLocale() as Promise<Locale>,
    getTranslations("catalog"),
    getTranslations("product"),
    getTranslations("categories"),
    searchProducts(query),
    listCoops(),
    listOriginTowns(),
  ]);
  const href = (page: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, category: fixedCategory ? undefined : query.category, page })) {
      if (v === undefined || v === "" || (k === "page" && v === 1) || (k === "sort" && v === "newest")) continue;
      p.set(k, k === "min" || k === "max" ? (Number(v) / 100).toString() : String(v));
    }
    const s = p.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  const inputCls = "min-h-10 rounded-lg border border-rice-200 bg-white px-2 text-sm";
  return (
    <div className="flex flex-col gap-4">
      <nav className="flex gap-1 overflow-x-auto text-sm" aria-label={t("categories")}>
        <Link href="/products" className={`rounded-full px-3 py-1 whitespace-nowrap ${!fixedCategory && !query.category ? "bg-paddy-600 text-white" : "bg-white ring-1 ring-rice-200"}`}>
          {t("all")}
        </Link>
        {categories.map((c) => (
          <Link key={c} href={`/categories/${c}`} className={`rounded-full px-3 py-1 whitespace-nowrap ${(fixedCategory ?? query.category) === c ? "bg-paddy-600 text-white" : "bg-white ring-1 ring-rice-200"}`} data-testid={`category-${c}`}>
            {tcat(c)}
          </Link>
        ))}
      </nav>
      <form method="get" action={basePath} className="grid grid-cols-2 gap-2 sm:grid-cols-6" role="search" data-testid="catalog-filters">
        <input name="q" defaultValue={query.q} maxLength={60} placeholder={t("searchPlaceholder")} aria-label={t("search")} className={`${inputCls} col-span-2`} />
        <select name="coop" defaultValue={query.coop ?? ""} aria-label={t("coop")} className={inputCls}>
          <option value="">{t("anyCoop")}</option>
          {coops.map((c) => (
            <option key={c.slug} value={c.slug}>
              {pick(locale, c.nameZh, c.nameEn)}
            </option>
          ))}
        </select>
        <select name="town" defaultValue={query.town ?? ""} aria-label={t("town")} className={inputCls}>
          <option value="">{t("anyTown")}</option>
          {towns.map((x) => (
            <option key={x.zh} value={x.zh}>
              {pick(locale, x.zh, x.en)}
            </option>
          ))}
        </select>
        <div className="col-span-2 flex items-center gap-1 sm:col-span-1">
          <input name="min" defaultValue={query.min !== undefined ? query.min / 100 : ""} inputMode="decimal" placeholder={t("minPrice")} aria-label={t("minPrice")} className={`${inputCls} w-full`} />
          <span>–</span>
          <input name="max" defaultValue={query.max !== undefined ? query.max / 100 : ""} inputMode="decimal" placeholder={t("maxPrice")} aria-label={t("maxPrice")} className={`${inputCls} w-full`} />
        </div>
        <select name="sort" defaultValue={query.sort} aria-label={t("sort")} className={inputCls}>
          {sortKeys.map((k) => (
            <option key={k} value={k}>
              {t(`sortBy.${k}`)}
            </option>
          ))}
        </select>
        <button className="min-h-10 rounded-lg bg-paddy-600 px-3 text-sm text-white sm:col-start-6">{t("apply")}</button>
      </form>
      <p className="text-sm text-ink-500" data-testid="result-count">
        {t("resultCount", { count: result.total })}
      </p>
      {result.products.length === 0 ? (
        <p className="py-8 text-center text-ink-700">{t("noResults")}</p>
      ) : (
        <ProductGrid>
          {result.products.map((p) => (
            <ProductCard key={p.id} product={p} locale={locale} labels={{ from: (price) => tp("from", { price }), soldOut: tp("soldOut"), onlyLeft: (count) => tp("onlyLeft", { count }) }} />
          ))}
        </ProductGrid>
      )}
      {result.pages > 1 ? (
        <nav className="flex items-center justify-center gap-3 text-sm" aria-label={t("pages")}>
          {result.page > 1 ? <Link href={href(result.page - 1)}>{t("prev")}</Link> : null}
          <span>
            {result.page} / {result.pages}
          </span>
          {result.page < result.pages ? <Link href={href(result.page + 1)}>{t("next")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
