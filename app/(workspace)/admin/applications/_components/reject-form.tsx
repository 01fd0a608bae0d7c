"use client";

import { useTranslations } from "next-intl";
import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** Reject with a reason: the applicant reads it and corrects the application. */
export function RejectForm({ action, applicationId }: { action: FormAction; applicationId: string }) {
  const t = useTranslations("adminReview");
  return (
    <ActionForm action={action} className="flex flex-col gap-2" testId="reject-application-form">
      {(errors, pending) => (
        <>
          <input type="hidden" name="applicationId" value={applicationId} />
          <Field label={t("reason")} name="reason" hint={t("reasonHint")} errors={errors?.reason}>
            {(control) => (
              <textarea
                {...control}
                required
                minLength={2}
                maxLength={500}
                className="min-h-20 w-full rounded-lg border border-rice-200 bg-white px-3 py-2 text-base aria-[invalid]:border-persimmon-500"
              />
            )}
          </Field>
          <Button
            type="submit"
            variant="danger"
            disabled={pending}
            className="self-start"
            data-testid="reject-application"
          >
            {t("reject")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
