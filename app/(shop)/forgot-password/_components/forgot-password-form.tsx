"use client";

import { useTranslations } from "next-intl";
import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { RESET_MINUTES } from "@/lib/accounts/contract";

/** "忘记密码": one field; the note after sending is the same whether or not the account exists. */
export function ForgotPasswordForm({ action }: { action: FormAction }) {
  const t = useTranslations("accountRecovery");
  return (
    <ActionForm
      action={action}
      successNote={<span data-testid="forgot-password-sent">{t("sent", { minutes: RESET_MINUTES })}</span>}
      testId="forgot-password-form"
    >
      {(errors, pending) => (
        <>
          <Field
            label={t("identifier")}
            name="identifier"
            autoComplete="username"
            required
            maxLength={254}
            errors={errors?.identifier}
            data-testid="forgot-password-identifier"
          />
          <Button type="submit" disabled={pending} data-testid="forgot-password-submit">
            {t("sendLink")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
