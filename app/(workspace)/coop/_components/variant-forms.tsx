"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/auth/contract";
import type { EditableVariantDto } from "@/lib/catalog/contract";
import { ActionForm } from "./action-form";

type Action = (prev: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** Add a variant, or edit one (label, SKU, price in yuan, weight). */
export function VariantForm({ action, productId, variant }: { action: Action; productId: string; variant?: EditableVariantDto }) {
  const t = useTranslations("coopCatalog");
  return (
    <ActionForm action={action} success={t("saved")} className="grid grid-cols-2 items-end gap-2 sm:grid-cols-6" testId={variant ? `variant-form-${variant.sku}` : "new-variant-form"}>
      {(f, pending) => (
        <>
          <input type="hidden" name="productId" value={productId} />
          {variant ? <input type="hidden" name="variantId" value={variant.id} /> : null}
          <Field label={t("field.labelZh")} name="labelZh" required maxLength={30} defaultValue={variant?.labelZh} errors={f?.labelZh} />
          <Field label={t("field.labelEn")} name="labelEn" required maxLength={40} defaultValue={variant?.labelEn} errors={f?.labelEn} />
          <Field label={t("field.sku")} name="sku" required maxLength={40} defaultValue={variant?.sku} errors={f?.sku} />
          <Field label={t("field.price")} name="price" required inputMode="decimal" maxLength={12} defaultValue={variant ? yuan(variant.priceFen) : ""} errors={f?.price} />
          <Field label={t("field.weightGrams")} name="weightGrams" inputMode="numeric" maxLength={6} defaultValue={variant?.weightGrams ?? ""} errors={f?.weightGrams} />
          <Button type="submit" disabled={pending} variant={variant ? "secondary" : "primary"}>
            {variant ? t("save") : t("addVariant")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}

/** Receive goods, or correct the count with a reason. */
export function StockForms({ receive, adjust, productId, variant }: { receive: Action; adjust: Action; productId: string; variant: EditableVariantDto }) {
  const t = useTranslations("coopCatalog");
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <ActionForm action={receive} success={t("stockSaved")} className="flex items-end gap-2" testId={`receive-${variant.sku}`}>
        {(f, pending) => (
          <>
            <input type="hidden" name="productId" value={productId} />
            <input type="hidden" name="variantId" value={variant.id} />
            <Field label={t("field.receiveQuantity")} name="quantity" required inputMode="numeric" maxLength={6} errors={f?.quantity} />
            <Field label={t("field.note")} name="note" maxLength={200} errors={f?.note} />
            <Button type="submit" disabled={pending}>
              {t("receive")}
            </Button>
          </>
        )}
      </ActionForm>
      <ActionForm action={adjust} success={t("stockSaved")} className="flex items-end gap-2" testId={`adjust-${variant.sku}`}>
        {(f, pending) => (
          <>
            <input type="hidden" name="productId" value={productId} />
            <input type="hidden" name="variantId" value={variant.id} />
            <Field label={t("field.delta")} name="delta" required inputMode="numeric" maxLength={7} placeholder="-2" errors={f?.delta} />
            <Field label={t("field.reason")} name="reason" required maxLength={200} errors={f?.reason} />
            <Button type="submit" disabled={pending} variant="secondary">
              {t("adjust")}
            </Button>
          </>
        )}
      </ActionForm>
    </div>
  );
}
