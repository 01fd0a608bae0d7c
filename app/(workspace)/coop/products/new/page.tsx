import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireWorkspacePage } from "@/lib/auth";
import { createProductAction } from "../../actions";
import { ProductForm } from "../../_components/product-form";

export default async function NewProductPage({ searchParams }: { searchParams: Promise<{ coop?: string }> }) {
  const viewer = await requireWorkspacePage("coop");
  const { coop = viewer.caps.coopIds[0] } = await searchParams;
  if (!coop || !viewer.caps.coopIds.includes(coop)) notFound();
  const t = await getTranslations("coopCatalog");
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-bold">{t("newProduct")}</h1>
      <p className="text-sm text-ink-500">{t("newProductHint")}</p>
      <ProductForm action={createProductAction} coopId={coop} />
    </div>
  );
}
