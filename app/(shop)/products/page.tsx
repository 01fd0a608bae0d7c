import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { CatalogListing } from "@/components/catalog/catalog-listing";
import { readCatalogPage, readFilterOptions } from "@/lib/catalog";
import { parseCatalogQuery } from "@/lib/catalog/contract";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const [query, t] = await Promise.all([searchParams.then(parseCatalogQuery), getTranslations("catalog")]);
  return { title: query.q ? t("searchTitle", { q: query.q }) : t("title") };
}

export default async function ProductsPage({ searchParams }: Props) {
  const query = parseCatalogQuery(await searchParams);
  const [locale, t, result, options] = await Promise.all([
    getLocale(),
    getTranslations("catalog"),
    readCatalogPage(query),
    readFilterOptions(),
  ]);
  return (
    <>
      <h1 className="text-xl font-bold">{query.q ? t("searchTitle", { q: query.q }) : t("title")}</h1>
      <CatalogListing basePath="/products" query={query} result={result} options={options} locale={locale} />
    </>
  );
}
