import Link from "next/link";
import { useTranslations } from "next-intl";
import type { CatalogFilterOptions, CatalogPage, CatalogQuery } from "@/lib/catalog/contract";
import type { Locale } from "@/lib/i18n/locales";
import { hasFilters } from "./catalog-href";
import { CatalogFilters } from "./catalog-filters";
import { CategoryChips } from "./category-chips";
import { Pagination } from "./pagination";
import { ProductList } from "./product-list";

/** The catalog under its heading: category chips, the filter form, the count, the cards and the pages. */
export function CatalogListing({
  basePath,
  query,
  result,
  options,
  locale,
  fixedCategory,
}: {
  basePath: string;
  query: CatalogQuery;
  result: CatalogPage;
  options: CatalogFilterOptions;
  locale: Locale;
  fixedCategory?: string;
}) {
  const t = useTranslations("catalog");
  const category = fixedCategory ?? query.category;
  // On /categories/x the path already names the category; links need not repeat it.
  const linkQuery = fixedCategory ? { ...query, category: undefined } : query;
  return (
    <div className="flex flex-col gap-4">
      <CategoryChips query={query} active={category} />
      <CatalogFilters
        basePath={basePath}
        query={query}
        options={options}
        locale={locale}
        fixedCategory={fixedCategory}
      />
      <p className="text-sm text-ink-500" data-testid="result-count" aria-live="polite">
        {t("resultCount", { count: result.total })}
      </p>
      {result.products.length ? (
        <ProductList products={result.products} locale={locale} />
      ) : (
        <div
          className="flex flex-col items-center gap-2 rounded-xl bg-white px-4 py-10 text-center ring-1 ring-rice-200"
          data-testid="catalog-empty"
        >
          <p className="font-medium">{t("noResults")}</p>
          <p className="text-sm text-ink-500">{hasFilters(query) ? t("noResultsHint") : t("noProductsYet")}</p>
          {hasFilters(query) ? (
            <Link href={basePath} className="text-sm text-paddy-700 hover:underline">
              {t("clear")}
            </Link>
          ) : null}
        </div>
      )}
      <Pagination basePath={basePath} query={linkQuery} page={result.page} pages={result.pages} />
    </div>
  );
}
