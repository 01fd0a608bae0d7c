import { getTranslations } from "next-intl/server";
import { catalogQuery } from "@/lib/catalog/contract";
import { CatalogView } from "./_components/catalog-view";

export async function generateMetadata() {
  return { title: (await getTranslations("catalog"))("title") };
}

export default async function ProductsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = catalogQuery.parse(await searchParams);
  const t = await getTranslations("catalog");
  return (
    <>
      <h1 className="text-xl font-bold">{query.q ? t("searchTitle", { q: query.q }) : t("title")}</h1>
      <CatalogView query={query} basePath="/products" />
    </>
  );
}
