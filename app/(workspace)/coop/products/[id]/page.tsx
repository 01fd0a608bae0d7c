import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import { Notice } from "@/components/ui/notice";
import { formatFen } from "@/lib/core/money";
import { isAppError } from "@/lib/core/errors";
import { requireWorkspacePage } from "@/lib/auth";
import { getProductForEdit, productMachine } from "@/lib/catalog";
import { pick, type Locale } from "@/lib/i18n/locales";
import {
  adjustStockAction,
  archiveVariantAction,
  changeProductStatusAction,
  createVariantAction,
  receiveStockAction,
  updateProductAction,
  updateVariantAction,
} from "../../actions";
import { ImageUpload } from "../../_components/image-upload";
import { ProductForm } from "../../_components/product-form";
import { StockForms, VariantForm } from "../../_components/variant-forms";

export default async function EditProductPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const viewer = await requireWorkspacePage("coop");
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const product = await getProductForEdit(viewer, id).catch((err: unknown) => {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const [locale, t, tw] = await Promise.all([getLocale() as Promise<Locale>, getTranslations("coopCatalog"), getTranslations("coopWs")]);
  const statusTargets = productMachine.states.filter((s) => productMachine.can(product.status, s));
  return (
    <div className="flex flex-col gap-6" data-testid="edit-product">
      {sp.created ? <Notice tone="success">{t("createdHint")}</Notice> : null}
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-bold">{pick(locale, product.nameZh, product.nameEn)}</h1>
        <span className="rounded-full bg-rice-100 px-2 py-0.5 text-xs" data-testid="product-status">
          {tw(`status.${product.status}`)}
        </span>
        {product.status === "published" ? (
          <Link href={`/products/${product.slug}`} className="text-sm text-paddy-700 underline">
            {t("viewInShop")}
          </Link>
        ) : null}
        <div className="ml-auto flex flex-wrap gap-2">
          {statusTargets.map((to) => (
            <ActionButton
              key={to}
              action={changeProductStatusAction}
              fields={{ productId: product.id, status: to }}
              label={t(`toStatus.${to}`)}
              variant={to === "published" ? "primary" : to === "archived" ? "danger" : "secondary"}
              testId={`status-${to}`}
            />
          ))}
        </div>
      </div>

      <section className="flex flex-col gap-3 rounded-xl bg-white p-4 ring-1 ring-rice-200 sm:flex-row">
        {/* eslint-disable-next-line @next/next/no-img-element -- local image */}
        <img src={product.imagePath ?? "/images/placeholder.svg"} alt="" width={160} height={160} className="size-40 rounded-xl bg-rice-100 object-cover" data-testid="product-image" />
        <ImageUpload productId={product.id} />
      </section>

      <section className="flex flex-col gap-3 rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="font-semibold">{t("variants")}</h2>
        {product.variants.map((v) => (
          <div key={v.id} className="flex flex-col gap-2 border-t border-rice-200 pt-3" data-testid={`variant-${v.sku}`}>
            <p className="text-sm">
              <span className="font-medium">{pick(locale, v.labelZh, v.labelEn)}</span> · {formatFen(v.priceFen, locale)} ·{" "}
              <span data-testid={`stock-${v.sku}`}>{tw("stock", { count: v.stock })}</span>
              {v.status === "archived" ? <span className="ml-2 text-ink-500">{t("archived")}</span> : null}
              <Link href={`/coop/products/${product.id}/movements?variant=${v.id}`} className="ml-2 text-paddy-700 underline">
                {t("history")}
              </Link>
            </p>
            {v.status === "active" ? (
              <>
                <VariantForm action={updateVariantAction} productId={product.id} variant={v} />
                <StockForms receive={receiveStockAction} adjust={adjustStockAction} productId={product.id} variant={v} />
                <ActionButton action={archiveVariantAction} fields={{ productId: product.id, variantId: v.id }} label={t("archiveVariant")} variant="ghost" confirm={t("archiveVariantConfirm")} />
              </>
            ) : null}
          </div>
        ))}
        <div className="border-t border-rice-200 pt-3">
          <h3 className="mb-2 text-sm font-semibold">{t("addVariant")}</h3>
          <VariantForm action={createVariantAction} productId={product.id} />
        </div>
      </section>

      <section className="flex flex-col gap-3 rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="font-semibold">{t("details")}</h2>
        <ProductForm action={updateProductAction} product={product} />
      </section>
    </div>
  );
}
