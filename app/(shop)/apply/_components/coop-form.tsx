"use client";

import { useTranslations } from "next-intl";
import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { categories } from "@/lib/catalog/contract";
import { MAX_COOP_PHOTOS, type CoopDetails } from "@/lib/joining/contract";
import { DocumentUpload, type UploadedDocument } from "./document-upload";

const textareaClass =
  "min-h-24 w-full rounded-lg border border-rice-200 bg-white px-3 py-2 text-base aria-[invalid]:border-persimmon-500";

/** The cooperative's application; with `applicationId` it corrects and resubmits the rejected one. */
export function CoopForm({
  action,
  applicationId,
  initial,
  documents,
}: {
  action: FormAction;
  applicationId?: string;
  initial?: CoopDetails;
  documents?: { licence: UploadedDocument[]; photos: UploadedDocument[] };
}) {
  const t = useTranslations("apply.coop");
  const tc = useTranslations("categories");
  return (
    <ActionForm action={action} statusAt="bottom" className="flex flex-col gap-4" testId="apply-coop-form">
      {(errors, pending) => (
        <>
          {applicationId ? <input type="hidden" name="applicationId" value={applicationId} /> : null}
          <Field
            label={t("legalName")}
            name="legalName"
            required
            maxLength={60}
            defaultValue={initial?.legalName}
            errors={errors?.legalName}
          />
          <Field
            label={t("uscc")}
            name="uscc"
            required
            maxLength={22}
            autoCapitalize="characters"
            spellCheck={false}
            hint={t("usccHint")}
            defaultValue={initial?.uscc}
            errors={errors?.uscc}
          />
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <Field
              label={t("townZh")}
              name="townZh"
              required
              maxLength={30}
              defaultValue={initial?.townZh}
              errors={errors?.townZh}
            />
            <Field
              label={t("villageZh")}
              name="villageZh"
              required
              maxLength={30}
              defaultValue={initial?.villageZh}
              errors={errors?.villageZh}
            />
            <Field
              label={t("contactName")}
              name="contactName"
              required
              maxLength={30}
              defaultValue={initial?.contactName}
              errors={errors?.contactName}
            />
            <Field
              label={t("contactPhone")}
              name="contactPhone"
              required
              inputMode="tel"
              maxLength={20}
              defaultValue={initial?.contactPhone}
              errors={errors?.contactPhone}
            />
          </div>
          <Field label={t("description")} name="description" hint={t("descriptionHint")} errors={errors?.description}>
            {(control) => (
              <textarea
                {...control}
                required
                minLength={10}
                maxLength={2000}
                defaultValue={initial?.description}
                className={textareaClass}
              />
            )}
          </Field>
          <fieldset className="flex flex-col gap-2">
            <legend className="text-sm font-medium text-ink-700">{t("categories")}</legend>
            <div className="flex flex-wrap gap-3">
              {categories.map((c) => (
                <label key={c} className="inline-flex min-h-11 items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="categories"
                    value={c}
                    defaultChecked={initial?.categories.includes(c)}
                    className="size-5"
                  />
                  {tc(c)}
                </label>
              ))}
            </div>
            {errors?.categories ? (
              <p role="alert" className="text-xs text-persimmon-600">
                {errors.categories.join(" · ")}
              </p>
            ) : null}
          </fieldset>
          <DocumentUpload
            name="licence"
            label={t("licence")}
            max={1}
            initial={documents?.licence}
            errors={errors?.licence}
            testId="apply-coop-licence"
          />
          <DocumentUpload
            name="photos"
            label={t("photos")}
            max={MAX_COOP_PHOTOS}
            initial={documents?.photos}
            errors={errors?.photos}
            testId="apply-coop-photos"
          />
          <Button type="submit" disabled={pending} className="self-start" data-testid="apply-submit">
            {applicationId ? t("resubmit") : t("submit")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
