import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { GetForm } from "@/components/ui/get-form";
import { useTranslations } from "next-intl";
import { SEARCH_MAX_LENGTH, sortKeys, type CatalogFilterOptions, type CatalogQuery } from "@/lib/catalog/contract";
import { pick, type Locale } from "@/lib/i18n/locales";
import { fenToYuanText, hasFilters } from "./catalog-href";

const field = "min-h-10 w-full rounded-lg border border-rice-200 bg-white px-2 text-sm";
const label = "flex min-w-0 flex-col gap-1 text-xs text-ink-500";
const submit = "min-h-10 shrink-0 rounded-lg bg-paddy-600 px-4 text-sm font-medium text-white hover:bg-paddy-700";

/** Search, filters and sort as a plain GET form: it works before (and without) JavaScript. */
export function CatalogFilters({
  basePath,
  query,
  options,
  locale,
  fixedCategory,
}: {
  basePath: string;
  query: CatalogQuery;
  options: CatalogFilterOptions;
  locale: Locale;
  fixedCategory?: string;
}) {
  const t = useTranslations("catalog");
  const active = activeFilterCount(query);
  return (
    <GetForm
      action={basePath}
      role="search"
      className="flex flex-col gap-2 rounded-xl bg-white p-3 ring-1 ring-rice-200"
      data-testid="catalog-filters"
    >
      {!fixedCategory && query.category ? <input type="hidden" name="category" value={query.category} /> : null}
      <div className="flex gap-2">
        <input
          type="search"
          name="q"
          defaultValue={query.q}
          maxLength={SEARCH_MAX_LENGTH}
          placeholder={t("searchPlaceholder")}
          aria-label={t("search")}
          className={field}
          enterKeyHint="search"
        />
        <button type="submit" className={submit}>
          {t("search")}
        </button>
      </div>
      <details open={active > 0} className="group" data-testid="filter-details">
        <summary className="cursor-pointer py-1 text-sm text-paddy-700 select-none">
          {active > 0 ? t("filtersActive", { count: active }) : t("filters")}
        </summary>
        <div className="grid grid-cols-2 gap-2 pt-2 sm:grid-cols-6">
          <label className={cn(label, "sm:col-span-2")}>
            {t("coop")}
            <select name="coop" defaultValue={query.coop ?? ""} className={field}>
              <option value="">{t("anyCoop")}</option>
              {options.coops.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {pick(locale, c.nameZh, c.nameEn)}
                </option>
              ))}
            </select>
          </label>
          <label className={cn(label, "sm:col-span-2")}>
            {t("town")}
            <select name="town" defaultValue={query.town ?? ""} className={field}>
              <option value="">{t("anyTown")}</option>
              {options.towns.map((town) => (
                <option key={`${town.zh}|${town.en}`} value={town.zh}>
                  {pick(locale, town.zh, town.en)}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="col-span-2 flex min-w-0 flex-col gap-1 text-xs text-ink-500">
            <legend className="mb-1">{t("priceRange")}</legend>
            <div className="flex items-center gap-1">
              <input
                name="min"
                defaultValue={query.min !== undefined ? fenToYuanText(query.min) : ""}
                inputMode="decimal"
                placeholder={t("minPrice")}
                aria-label={t("minPrice")}
                className={field}
              />
              <span aria-hidden>–</span>
              <input
                name="max"
                defaultValue={query.max !== undefined ? fenToYuanText(query.max) : ""}
                inputMode="decimal"
                placeholder={t("maxPrice")}
                aria-label={t("maxPrice")}
                className={field}
              />
            </div>
          </fieldset>
          <label className={cn(label, "col-span-2")}>
            {t("sort")}
            <select name="sort" defaultValue={query.sort} className={field}>
              {sortKeys.map((k) => (
                <option key={k} value={k}>
                  {t(`sortBy.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <div className="col-span-2 flex items-end justify-end gap-2 sm:col-span-4">
            {hasFilters(query) ? (
              <Link
                href={basePath}
                className="px-2 py-2.5 text-sm text-paddy-700 hover:underline"
                data-testid="clear-filters"
              >
                {t("clear")}
              </Link>
            ) : null}
            <button type="submit" className={cn(submit, "flex-1 shrink-0 sm:flex-none")}>
              {t("apply")}
            </button>
          </div>
        </div>
      </details>
    </GetForm>
  );
}

function activeFilterCount(query: CatalogQuery): number {
  return [query.coop, query.town, query.min ?? query.max, query.sort === "newest" ? undefined : query.sort].filter(
    (v) => v !== undefined,
  ).length;
}
