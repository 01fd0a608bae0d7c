"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { FormAction } from "@/components/ui/action-form";

export function ChangePasswordForm({ action }: { action: FormAction<void> }) {
  const t = useTranslations("auth");
  const [state, formAction, pending] = useActionState(action, null);
  const f = state && !state.ok ? state.fields : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-3">
      {state?.ok ? <Notice tone="success">{t("passwordChanged")}</Notice> : null}
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <Field
        label={t("currentPassword")}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={f?.currentPassword}
      />
      <Field
        label={t("newPassword")}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        maxLength={128}
        errors={f?.newPassword}
      />
      <Button type="submit" disabled={pending} className="self-start">
        {t("changePassword")}
      </Button>
    </form>
  );
}
