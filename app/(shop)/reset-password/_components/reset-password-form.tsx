"use client";

import { useTranslations } from "next-intl";
import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** The new password, with the sign-up rules (8–128 characters); the token rides along as a hidden field. */
export function ResetPasswordForm({ action, token }: { action: FormAction; token: string }) {
  const t = useTranslations("accountRecovery");
  return (
    <ActionForm action={action} testId="reset-password-form">
      {(errors, pending) => (
        <>
          <input type="hidden" name="token" value={token} />
          <Field
            label={t("newPassword")}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={128}
            errors={errors?.newPassword}
            data-testid="reset-password-new"
          />
          <Button type="submit" disabled={pending} data-testid="reset-password-submit">
            {t("savePassword")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
