"use client";

import { useTranslations } from "next-intl";
import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { categories, certificationKeys, productLimits, type EditableProductDto } from "@/lib/catalog/contract";

type Errors = Record<string, string[]> | undefined;

const fieldLimits = {
  nameZh: productLimits.nameZh,
  nameEn: productLimits.nameEn,
  namePinyin: productLimits.namePinyin,
  slug: productLimits.slug,
  summaryZh: productLimits.summaryZh,
  summaryEn: productLimits.summaryEn,
  originVillageZh: productLimits.originZh,
  originVillageEn: productLimits.originEn,
  originTownZh: productLimits.originZh,
  originTownEn: productLimits.originEn,
  harvestBatch: productLimits.harvestBatch,
  descriptionZh: productLimits.descriptionZh,
  descriptionEn: productLimits.descriptionEn,
} as const;
type LineName = Exclude<keyof typeof fieldLimits, "descriptionZh" | "descriptionEn">;

const controlClass =
  "w-full rounded-lg border border-rice-200 bg-white px-3 py-2 text-base aria-[invalid]:border-persimmon-500";

/** Creates a product (with `coopId`) or edits one (with `product`): its words, provenance and certifications. */
export function ProductForm({
  action,
  coopId,
  product,
}: {
  action: FormAction;
  coopId?: string;
  product?: EditableProductDto;
}) {
  const t = useTranslations("coopCatalog");
  const tcat = useTranslations("categories");
  const tcert = useTranslations("certifications");
  const line = (name: LineName, errors: Errors, opts: { required?: boolean; hint?: string } = {}) => (
    <Field
      label={t(`field.${name}`)}
      name={name}
      required={opts.required}
      maxLength={fieldLimits[name]}
      defaultValue={product?.[name] ?? ""}
      errors={errors?.[name]}
      hint={opts.hint}
    />
  );
  const text = (name: "descriptionZh" | "descriptionEn", errors: Errors) => (
    <Field label={t(`field.${name}`)} name={name} errors={errors?.[name]}>
      {(control) => (
        <textarea
          {...control}
          rows={5}
          maxLength={fieldLimits[name]}
          defaultValue={product?.[name] ?? ""}
          className={controlClass}
        />
      )}
    </Field>
  );
  return (
    <ActionForm action={action} successNote={t("product.saved")} statusAt="bottom" testId="product-form">
      {(errors, pending) => (
        <>
          {product ? (
            <input type="hidden" name="productId" value={product.id} />
          ) : (
            <input type="hidden" name="coopId" value={coopId} />
          )}
          <div className="grid gap-3 sm:grid-cols-2">
            {line("nameZh", errors, { required: true })}
            {line("nameEn", errors, { required: true })}
            {line("namePinyin", errors, { hint: t("field.namePinyinHint") })}
            {line("slug", errors, { required: true, hint: t("field.slugHint") })}
            <Field label={t("field.category")} name="category" errors={errors?.category}>
              {(control) => (
                <select
                  {...control}
                  defaultValue={product?.category ?? categories[0]}
                  className={cn("min-h-11", controlClass)}
                >
                  {categories.map((c) => (
                    <option key={c} value={c}>
                      {tcat(c)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {line("summaryZh", errors)}
            {line("summaryEn", errors)}
          </div>
          {text("descriptionZh", errors)}
          {text("descriptionEn", errors)}
          <h3 className="pt-2 text-sm font-semibold">{t("product.provenance")}</h3>
          <div className="grid gap-3 sm:grid-cols-2">
            {line("originVillageZh", errors, { required: true })}
            {line("originVillageEn", errors, { required: true })}
            {line("originTownZh", errors, { required: true })}
            {line("originTownEn", errors, { required: true })}
            {line("harvestBatch", errors)}
            <Field
              label={t("field.harvestedOn")}
              name="harvestedOn"
              type="date"
              defaultValue={product?.harvestedOn ?? ""}
              errors={errors?.harvestedOn}
            />
          </div>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium text-ink-700">{t("field.certifications")}</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-2">
              {certificationKeys.map((k) => (
                <label key={k} className="flex min-h-9 items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="certifications"
                    value={k}
                    defaultChecked={product?.certifications.includes(k)}
                    className="size-4"
                  />
                  {tcert(k)}
                </label>
              ))}
            </div>
            {errors?.certifications ? (
              <p role="alert" className="text-xs text-persimmon-600">
                {errors.certifications.join(" · ")}
              </p>
            ) : null}
          </fieldset>
          <Button type="submit" disabled={pending} className="self-start" data-testid="save-product">
            {product ? t("product.save") : t("product.create")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
