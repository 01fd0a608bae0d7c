import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { CatalogListing } from "@/components/catalog/catalog-listing";
import { readCatalogPage, readFilterOptions } from "@/lib/catalog";
import { categories, parseCatalogQuery, type Category } from "@/lib/catalog/contract";

type Props = {
  params: Promise<{ category: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const isCategory = (c: string): c is Category => (categories as readonly string[]).includes(c);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { category } = await params;
  return isCategory(category) ? { title: (await getTranslations("categories"))(category) } : {};
}

export default async function CategoryPage({ params, searchParams }: Props) {
  const { category } = await params;
  if (!isCategory(category)) notFound();
  const query = { ...parseCatalogQuery(await searchParams), category };
  const [locale, t, result, options] = await Promise.all([
    getLocale(),
    getTranslations("categories"),
    readCatalogPage(query),
    readFilterOptions(),
  ]);
  return (
    <>
      <h1 className="text-xl font-bold">{t(category)}</h1>
      <CatalogListing
        basePath={`/categories/${category}`}
        query={query}
        result={result}
        options={options}
        locale={locale}
        fixedCategory={category}
      />
    </>
  );
}
