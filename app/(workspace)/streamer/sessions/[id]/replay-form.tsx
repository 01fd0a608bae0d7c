"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { FormAction } from "@/components/ui/action-form";

export function ReplayForm({
  action,
  sessionId,
  current,
}: {
  action: FormAction;
  sessionId: string;
  current: string | null;
}) {
  const t = useTranslations("streamer");
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="sessionId" value={sessionId} />
      <input
        name="replayUrl"
        defaultValue={current ?? ""}
        maxLength={500}
        placeholder="https://…/replay.m3u8"
        aria-label={t("replay")}
        className="min-h-10 flex-1 rounded-lg border border-rice-200 px-3 text-sm"
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("save")}
      </Button>
      {state && !state.ok ? <Notice tone="error">{state.fields?.replayUrl?.join(" ") ?? state.message}</Notice> : null}
      {state?.ok ? <Notice tone="success">{t("saved")}</Notice> : null}
    </form>
  );
}
