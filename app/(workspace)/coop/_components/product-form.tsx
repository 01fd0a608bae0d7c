"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/auth/contract";
import { categories, certificationKeys, type EditableProductDto } from "@/lib/catalog/contract";
import { ActionForm } from "./action-form";

type Action = (prev: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;

/** Create or edit a product's words and provenance. */
export function ProductForm({ action, coopId, product }: { action: Action; coopId?: string; product?: EditableProductDto }) {
  const t = useTranslations("coopCatalog");
  const tcat = useTranslations("categories");
  const tcert = useTranslations("certifications");
  const text = (name: keyof EditableProductDto, opts: { required?: boolean; max: number; multiline?: boolean }, f?: Record<string, string[]>) =>
    opts.multiline ? (
      <Field key={name} label={t(`field.${name}`)} name={name} errors={f?.[name]}>
        <textarea id={`f-${name}`} name={name} maxLength={opts.max} defaultValue={String(product?.[name] ?? "")} rows={4} className="rounded-lg border border-rice-200 bg-white px-3 py-2" />
      </Field>
    ) : (
      <Field key={name} label={t(`field.${name}`)} name={name} required={opts.required} maxLength={opts.max} defaultValue={String(product?.[name] ?? "")} errors={f?.[name]} />
    );
  return (
    <ActionForm action={action} success={t("saved")} testId="product-form">
      {(f, pending) => (
        <>
          {product ? <input type="hidden" name="productId" value={product.id} /> : <input type="hidden" name="coopId" value={coopId} />}
          <div className="grid gap-3 sm:grid-cols-2">
            {text("nameZh", { required: true, max: 60 }, f)}
            {text("nameEn", { required: true, max: 80 }, f)}
            {text("namePinyin", { max: 120 }, f)}
            {text("slug", { required: true, max: 80 }, f)}
            <Field label={t("field.category")} name="category" errors={f?.category}>
              <select id="f-category" name="category" defaultValue={product?.category ?? "grain"} className="min-h-11 rounded-lg border border-rice-200 bg-white px-3">
                {categories.map((c) => (
                  <option key={c} value={c}>
                    {tcat(c)}
                  </option>
                ))}
              </select>
            </Field>
            {text("summaryZh", { max: 120 }, f)}
            {text("summaryEn", { max: 160 }, f)}
            {text("originVillageZh", { required: true, max: 60 }, f)}
            {text("originVillageEn", { required: true, max: 80 }, f)}
            {text("originTownZh", { required: true, max: 30 }, f)}
            {text("originTownEn", { required: true, max: 40 }, f)}
            {text("harvestBatch", { max: 60 }, f)}
            <Field label={t("field.harvestedOn")} name="harvestedOn" type="date" defaultValue={product?.harvestedOn ?? ""} errors={f?.harvestedOn} />
          </div>
          {text("descriptionZh", { max: 4000, multiline: true }, f)}
          {text("descriptionEn", { max: 6000, multiline: true }, f)}
          <fieldset className="flex flex-wrap gap-3">
            <legend className="mb-1 text-sm font-medium text-ink-700">{t("field.certifications")}</legend>
            {certificationKeys.map((k) => (
              <label key={k} className="flex items-center gap-1 text-sm">
                <input type="checkbox" name="certifications" value={k} defaultChecked={product?.certifications.includes(k)} />
                {tcert(k)}
              </label>
            ))}
          </fieldset>
          <Button type="submit" disabled={pending} className="self-start" data-testid="save-product">
            {product ? t("save") : t("create")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
