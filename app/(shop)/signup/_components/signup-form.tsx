"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { FormAction } from "@/components/ui/action-form";

export function SignUpForm({ action, callbackUrl }: { action: FormAction<void>; callbackUrl: string }) {
  const t = useTranslations("auth");
  const [state, formAction, pending] = useActionState(action, null);
  const f = state && !state.ok ? state.fields : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" data-testid="signup-form">
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field label={t("name")} name="name" autoComplete="nickname" required maxLength={40} errors={f?.name} />
      <Field
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        maxLength={254}
        errors={f?.email}
        hint={t("emailOrPhoneHint")}
      />
      <Field
        label={t("phone")}
        name="phone"
        type="tel"
        inputMode="numeric"
        autoComplete="tel"
        maxLength={20}
        errors={f?.phone}
      />
      <Field
        label={t("password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        maxLength={128}
        errors={f?.password}
      />
      <Button type="submit" disabled={pending}>
        {t("submitSignUp")}
      </Button>
    </form>
  );
}
