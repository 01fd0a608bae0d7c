"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { FormAction } from "@/components/ui/action-form";

export interface SessionFormValues {
  sessionId?: string;
  title: string;
  description: string;
  scheduledAt: string;
  coopIds: string[];
  externalPlaybackUrl: string;
}

/** Schedule a session, or edit one: title, description, time (Shanghai), featured cooperatives, playback. */
export function SessionForm({
  action,
  values,
  coops,
}: {
  action: FormAction;
  values?: SessionFormValues;
  coops: { id: string; name: string }[];
}) {
  const t = useTranslations("streamer");
  const [state, formAction, pending] = useActionState(action, null);
  const f = state && !state.ok ? state.fields : undefined;
  return (
    <form
      action={formAction}
      className="flex flex-col gap-3"
      data-testid={values?.sessionId ? "edit-session-form" : "new-session-form"}
    >
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      {state?.ok ? <Notice tone="success">{t("saved")}</Notice> : null}
      {values?.sessionId ? <input type="hidden" name="sessionId" value={values.sessionId} /> : null}
      <Field
        label={t("field.title")}
        name="title"
        required
        maxLength={80}
        defaultValue={values?.title}
        errors={f?.title}
      />
      <Field
        label={t("field.scheduledAt")}
        name="scheduledAt"
        type="datetime-local"
        required
        defaultValue={values?.scheduledAt}
        errors={f?.scheduledAt}
      />
      <Field label={t("field.description")} name="description" errors={f?.description}>
        {(control) => (
          <textarea
            {...control}
            maxLength={2000}
            rows={3}
            defaultValue={values?.description}
            className="rounded-lg border border-rice-200 bg-white px-3 py-2"
          />
        )}
      </Field>
      <fieldset className="flex flex-wrap gap-3 text-sm">
        <legend className="mb-1 font-medium text-ink-700">{t("field.coops")}</legend>
        {coops.map((c) => (
          <label key={c.id} className="flex items-center gap-1">
            <input type="checkbox" name="coopIds" value={c.id} defaultChecked={values?.coopIds.includes(c.id)} />
            {c.name}
          </label>
        ))}
      </fieldset>
      <Field
        label={t("field.externalPlaybackUrl")}
        name="externalPlaybackUrl"
        maxLength={500}
        defaultValue={values?.externalPlaybackUrl}
        hint={t("externalHint")}
        errors={f?.externalPlaybackUrl}
      />
      <Button type="submit" disabled={pending} className="self-start" data-testid="save-session">
        {values?.sessionId ? t("save") : t("create")}
      </Button>
    </form>
  );
}
