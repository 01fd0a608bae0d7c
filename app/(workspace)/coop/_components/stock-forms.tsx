"use client";

import { useTranslations } from "next-intl";
import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** Goods arrived: a quantity and an optional note. */
export function ReceiveStockForm({
  action,
  variantId,
  testId,
}: {
  action: FormAction;
  variantId: string;
  testId?: string;
}) {
  const t = useTranslations("coopCatalog.stock");
  return (
    <ActionForm
      action={action}
      successNote={t("received")}
      resetOnSuccess
      className="flex flex-col gap-2"
      testId={testId}
    >
      {(errors, pending) => (
        <>
          <input type="hidden" name="variantId" value={variantId} />
          <div className="grid grid-cols-2 gap-2">
            <Field
              label={t("field.quantity")}
              name="quantity"
              required
              inputMode="numeric"
              pattern="[0-9]*"
              maxLength={6}
              errors={errors?.quantity}
            />
            <Field label={t("field.note")} name="note" maxLength={200} errors={errors?.note} />
          </div>
          <Button type="submit" disabled={pending} className="self-start">
            {t("receive")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}

/** A counted correction: a signed change and the reason for it. */
export function AdjustStockForm({
  action,
  variantId,
  testId,
}: {
  action: FormAction;
  variantId: string;
  testId?: string;
}) {
  const t = useTranslations("coopCatalog.stock");
  return (
    <ActionForm
      action={action}
      successNote={t("adjusted")}
      resetOnSuccess
      className="flex flex-col gap-2"
      testId={testId}
    >
      {(errors, pending) => (
        <>
          <input type="hidden" name="variantId" value={variantId} />
          <div className="grid grid-cols-2 gap-2">
            <Field
              label={t("field.delta")}
              name="delta"
              required
              inputMode="text"
              maxLength={8}
              hint={t("field.deltaHint")}
              errors={errors?.delta}
            />
            <Field label={t("field.reason")} name="reason" required maxLength={200} errors={errors?.reason} />
          </div>
          <Button type="submit" disabled={pending} variant="secondary" className="self-start">
            {t("adjust")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
