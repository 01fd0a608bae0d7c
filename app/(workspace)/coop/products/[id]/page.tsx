import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import { cn } from "@/components/ui/cn";
import { Notice } from "@/components/ui/notice";
import { formatFen } from "@/lib/core/money";
import { requireWorkspacePage } from "@/lib/auth";
import { getProductForEdit, productMachine } from "@/lib/catalog";
import type { CoopVariantDto, EditableProductDto } from "@/lib/catalog/contract";
import { pick, type Locale } from "@/lib/i18n/locales";
import { ImageUpload } from "../../_components/image-upload";
import { ProductForm } from "../../_components/product-form";
import { ProductStatusBadge } from "../../_components/product-status-badge";
import { StatusButtons } from "../../_components/status-buttons";
import { VariantForm } from "../../_components/variant-form";
import { orNotFound } from "../../_lib/or-not-found";
import {
  addVariantAction,
  archiveVariantAction,
  changeProductStatusAction,
  updateProductAction,
  updateVariantAction,
} from "../actions";

export const generateMetadata = titled("coopEditProduct");

type T = Awaited<ReturnType<typeof getTranslations<"coopCatalog">>>;
const card = "flex flex-col gap-3 rounded-xl bg-white p-4 ring-1 ring-rice-200";

export default async function EditProductPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const viewer = await requireWorkspacePage("coop");
  const [{ id }, { created }] = await Promise.all([params, searchParams]);
  const product = await orNotFound(getProductForEdit(viewer, id));
  const [locale, t] = await Promise.all([getLocale(), getTranslations("coopCatalog")]);
  const name = pick(locale, product.nameZh, product.nameEn);
  const editable = product.status !== "archived";
  const onSale = product.variants.filter((v) => v.status === "active");
  return (
    <div className="flex flex-col gap-4" data-testid="edit-product">
      <Link href={`/coop?coop=${encodeURIComponent(product.coopId)}`} className="text-sm text-paddy-700">
        {t("backToList")}
      </Link>
      {created ? <Notice tone="success">{t("product.created")}</Notice> : null}
      <header className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="min-w-0 text-xl font-bold break-words">{name}</h1>
          <ProductStatusBadge status={product.status} label={t(`status.${product.status}`)} />
          {product.status === "published" ? (
            <Link
              href={`/products/${product.slug}`}
              className="text-sm text-paddy-700 underline"
              data-testid="view-in-shop"
            >
              {t("viewInShop")}
            </Link>
          ) : null}
        </div>
        {editable ? (
          <StatusButtons
            action={changeProductStatusAction}
            productId={product.id}
            current={product.status}
            targets={productMachine.states.filter((to) => productMachine.can(product.status, to))}
            canPublish={onSale.length > 0}
          />
        ) : (
          <Notice>{t("archivedReadOnly")}</Notice>
        )}
      </header>

      <section className={cn(card, "sm:flex-row sm:items-start")}>
        {/* eslint-disable-next-line @next/next/no-img-element -- our own uploads and placeholders */}
        <img
          src={product.imagePath ?? "/images/placeholder.svg"}
          alt={t("image.alt", { name })}
          width={160}
          height={160}
          className="size-40 shrink-0 rounded-xl bg-rice-100 object-cover"
          data-testid="product-image"
        />
        <div className="flex flex-col gap-2">
          <h2 className="font-semibold">{t("image.title")}</h2>
          {editable ? <ImageUpload productId={product.id} /> : null}
        </div>
      </section>

      <VariantsSection product={product} editable={editable} locale={locale} t={t} />

      <section className={card}>
        <h2 className="font-semibold">{t("product.details")}</h2>
        {editable ? (
          <ProductForm action={updateProductAction} product={product} />
        ) : (
          <ReadOnlyDetails product={product} locale={locale} />
        )}
      </section>
    </div>
  );
}

function VariantsSection({
  product,
  editable,
  locale,
  t,
}: {
  product: EditableProductDto;
  editable: boolean;
  locale: Locale;
  t: T;
}) {
  return (
    <section className={card} data-testid="variants">
      <h2 className="font-semibold">{t("variant.title")}</h2>
      {product.variants.length === 0 ? <p className="text-sm text-ink-700">{t("variant.none")}</p> : null}
      {product.variants.map((v) => (
        <VariantItem key={v.id} productId={product.id} variant={v} editable={editable} locale={locale} t={t} />
      ))}
      {editable ? (
        <div className="flex flex-col gap-2 border-t border-rice-200 pt-3">
          <h3 className="text-sm font-semibold">{t("variant.add")}</h3>
          <VariantForm action={addVariantAction} productId={product.id} />
        </div>
      ) : null}
    </section>
  );
}

function VariantItem({
  productId,
  variant: v,
  editable,
  locale,
  t,
}: {
  productId: string;
  variant: CoopVariantDto;
  editable: boolean;
  locale: Locale;
  t: T;
}) {
  const active = v.status === "active";
  return (
    <div className="flex flex-col gap-2 border-t border-rice-200 pt-3" data-testid={`variant-${v.sku}`}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span className="font-medium">{pick(locale, v.labelZh, v.labelEn)}</span>
        <span className="text-ink-500">{v.sku}</span>
        <span className="tabular-nums">{formatFen(v.priceFen, locale)}</span>
        <span data-testid={`stock-${v.sku}`}>{t("variant.stock", { count: v.stock })}</span>
        {active ? null : <span className="text-ink-500">{t("variant.archived")}</span>}
        <Link href={`/coop/stock/${v.id}`} className="text-paddy-700 underline" data-testid={`stock-link-${v.sku}`}>
          {t("variant.stockLink")}
        </Link>
      </div>
      {active && editable ? (
        <details className="rounded-lg bg-rice-50 p-3">
          <summary className="cursor-pointer text-sm text-paddy-700">{t("variant.edit")}</summary>
          <div className="mt-3 flex flex-col gap-3">
            <p className="text-xs text-ink-500">{t("variant.priceNote")}</p>
            <VariantForm action={updateVariantAction} productId={productId} variant={v} />
            <ActionButton
              action={archiveVariantAction}
              fields={{ productId, variantId: v.id }}
              label={t("variant.archive")}
              variant="ghost"
              confirm={t("variant.archiveConfirm")}
              testId={`archive-${v.sku}`}
            />
          </div>
        </details>
      ) : null}
    </div>
  );
}

function ReadOnlyDetails({ product: p, locale }: { product: EditableProductDto; locale: Locale }) {
  return (
    <dl className="grid gap-1 text-sm">
      <dt className="text-ink-500">/products/{p.slug}</dt>
      <dd className="whitespace-pre-line text-ink-700">{pick(locale, p.descriptionZh, p.descriptionEn)}</dd>
      <dd className="text-ink-700">
        {pick(locale, p.originTownZh, p.originTownEn)} · {pick(locale, p.originVillageZh, p.originVillageEn)}
      </dd>
    </dl>
  );
}
