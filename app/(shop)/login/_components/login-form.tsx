"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { FormAction } from "@/components/ui/action-form";

export function LoginForm({ action, callbackUrl }: { action: FormAction<void>; callbackUrl: string }) {
  const t = useTranslations("auth");
  const [state, formAction, pending] = useActionState(action, null);
  // Controlled, so a wrong password does not wipe the account typed (a form action resets uncontrolled fields).
  const [identifier, setIdentifier] = useState("");
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" data-testid="login-form">
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field
        label={t("identifier")}
        name="identifier"
        autoComplete="username"
        required
        maxLength={254}
        errors={fields?.identifier}
        value={identifier}
        onChange={(e) => setIdentifier(e.target.value)}
      />
      <Field
        label={t("password")}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        maxLength={128}
        errors={fields?.password}
      />
      <Button type="submit" disabled={pending}>
        {t("submitSignIn")}
      </Button>
    </form>
  );
}
