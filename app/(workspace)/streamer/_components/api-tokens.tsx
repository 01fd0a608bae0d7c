"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ActionButton } from "@/components/ui/action-button";
import type { FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export interface TokenRow {
  id: string;
  name: string;
  hint: string;
  scopes: string[];
  lastUsed: string | null;
  revoked: boolean;
}

/** Personal API tokens: create (shown once), see when each was last used, revoke. */
export function ApiTokens({
  tokens,
  scopes,
  create,
  revoke,
}: {
  tokens: TokenRow[];
  scopes: readonly string[];
  create: FormAction<{ token: string }>;
  revoke: FormAction;
}) {
  const t = useTranslations("streamer");
  const [state, formAction, pending] = useActionState(create, null);
  return (
    <div className="flex flex-col gap-3" data-testid="api-tokens">
      <ul className="divide-y divide-rice-200 text-sm">
        {tokens.map((tok) => (
          <li key={tok.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span>
              <strong>{tok.name}</strong> <code>…{tok.hint}</code> · {tok.scopes.join(", ")} ·{" "}
              {tok.lastUsed ? t("lastUsed", { when: tok.lastUsed }) : t("neverUsed")}
            </span>
            {tok.revoked ? (
              <span className="text-xs text-ink-500">{t("revoked")}</span>
            ) : (
              <ActionButton action={revoke} fields={{ id: tok.id }} label={t("revoke")} variant="ghost" />
            )}
          </li>
        ))}
      </ul>
      <form action={formAction} className="flex flex-col gap-2">
        {state?.ok ? (
          <Notice tone="success">
            <code data-testid="new-api-token">{state.data.token}</code>
            <br />
            {t("tokenShownOnce")}
          </Notice>
        ) : null}
        {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
        <Field
          label={t("tokenName")}
          name="name"
          required
          maxLength={40}
          errors={state && !state.ok ? state.fields?.name : undefined}
        />
        <fieldset className="flex flex-wrap gap-3 text-sm">
          {scopes.map((sc) => (
            <label key={sc} className="flex items-center gap-1">
              <input type="checkbox" name="scopes" value={sc} defaultChecked />
              {sc}
            </label>
          ))}
        </fieldset>
        <Button type="submit" variant="secondary" disabled={pending} className="self-start">
          {t("createToken")}
        </Button>
      </form>
    </div>
  );
}
