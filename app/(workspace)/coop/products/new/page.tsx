import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireWorkspacePage } from "@/lib/auth";
import { resolveWorkspaceCoop } from "@/lib/catalog";
import { pick } from "@/lib/i18n/locales";
import { ProductForm } from "../../_components/product-form";
import { orNotFound } from "../../_lib/or-not-found";
import { createProductAction } from "../actions";

export const generateMetadata = titled("coopNewProduct");

export default async function NewProductPage({ searchParams }: { searchParams: Promise<{ coop?: string }> }) {
  const viewer = await requireWorkspacePage("coop");
  const { current } = await orNotFound(resolveWorkspaceCoop(viewer, (await searchParams).coop));
  const [locale, t] = await Promise.all([getLocale(), getTranslations("coopCatalog")]);
  return (
    <div className="flex flex-col gap-4" data-testid="new-product-page">
      <Link href={`/coop?coop=${encodeURIComponent(current.id)}`} className="text-sm text-paddy-700">
        {t("backToList")}
      </Link>
      <div>
        <h1 className="text-xl font-bold">{t("product.newTitle")}</h1>
        <p className="text-sm text-ink-500">{pick(locale, current.nameZh, current.nameEn)}</p>
      </div>
      <p className="text-sm text-ink-700">{t("product.newHint")}</p>
      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <ProductForm action={createProductAction} coopId={current.id} />
      </section>
    </div>
  );
}
