"use client";

import { useTranslations } from "next-intl";
import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";

/** "Send the verification e-mail again": a button, rate limited by the server (a few an hour). */
export function ResendVerification({ action }: { action: FormAction }) {
  const t = useTranslations("accountRecovery.status");
  return (
    <ActionForm
      action={action}
      successNote={<span data-testid="resend-verification-sent">{t("resent")}</span>}
      statusAt="bottom"
      testId="resend-verification-form"
    >
      {(_, pending) => (
        <Button
          type="submit"
          variant="secondary"
          disabled={pending}
          className="self-start"
          data-testid="resend-verification"
        >
          {t("resend")}
        </Button>
      )}
    </ActionForm>
  );
}
