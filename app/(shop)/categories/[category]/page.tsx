import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { catalogQuery, categories, type Category } from "@/lib/catalog/contract";
import { CatalogView } from "../../products/_components/catalog-view";

type Props = { params: Promise<{ category: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const isCategory = (c: string): c is Category => (categories as readonly string[]).includes(c);

export async function generateMetadata({ params }: Props) {
  const { category } = await params;
  return isCategory(category) ? { title: (await getTranslations("categories"))(category) } : {};
}

export default async function CategoryPage({ params, searchParams }: Props) {
  const { category } = await params;
  if (!isCategory(category)) notFound();
  const query = { ...catalogQuery.parse(await searchParams), category };
  const t = await getTranslations("categories");
  return (
    <>
      <h1 className="text-xl font-bold">{t(category)}</h1>
      <CatalogView query={query} basePath={`/categories/${category}`} fixedCategory={category} />
    </>
  );
}
