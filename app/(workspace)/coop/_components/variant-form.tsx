"use client";

import { useTranslations } from "next-intl";
import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { variantLimits, type CoopVariantDto } from "@/lib/catalog/contract";

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** Adds a variant to a product, or edits one: labels, SKU, price in yuan and weight. */
export function VariantForm({
  action,
  productId,
  variant,
}: {
  action: FormAction;
  productId: string;
  variant?: CoopVariantDto;
}) {
  const t = useTranslations("coopCatalog.variant");
  return (
    <ActionForm
      action={action}
      successNote={variant ? t("saved") : t("added")}
      resetOnSuccess={!variant}
      className="flex flex-col gap-3"
      testId={variant ? `variant-form-${variant.sku}` : "new-variant-form"}
    >
      {(errors, pending) => (
        <>
          <input type="hidden" name="productId" value={productId} />
          {variant ? <input type="hidden" name="variantId" value={variant.id} /> : null}
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
            <Field
              label={t("field.labelZh")}
              name="labelZh"
              required
              maxLength={variantLimits.labelZh}
              defaultValue={variant?.labelZh}
              errors={errors?.labelZh}
            />
            <Field
              label={t("field.labelEn")}
              name="labelEn"
              required
              maxLength={variantLimits.labelEn}
              defaultValue={variant?.labelEn}
              errors={errors?.labelEn}
            />
            <Field
              label={t("field.sku")}
              name="sku"
              required
              maxLength={variantLimits.sku}
              autoCapitalize="characters"
              defaultValue={variant?.sku}
              errors={errors?.sku}
            />
            <Field
              label={t("field.price")}
              name="price"
              required
              inputMode="decimal"
              maxLength={variantLimits.price}
              placeholder={t("field.priceHint")}
              defaultValue={variant ? yuan(variant.priceFen) : ""}
              errors={errors?.price}
            />
            <Field
              label={t("field.weightGrams")}
              name="weightGrams"
              inputMode="numeric"
              maxLength={variantLimits.weightGrams}
              defaultValue={variant?.weightGrams ?? ""}
              errors={errors?.weightGrams}
              className="col-span-2 sm:col-span-1"
            />
          </div>
          <Button type="submit" disabled={pending} variant={variant ? "secondary" : "primary"} className="self-start">
            {variant ? t("save") : t("add")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
