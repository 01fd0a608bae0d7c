"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { FormAction } from "@/components/ui/action-form";

/** Ingest URL and stream key for OBS. A key is shown once, right after it is made; only its end is kept. */
export function StreamKeyPanel({
  action,
  sessionId,
  ingestUrl,
  playbackUrl,
  hint,
}: {
  action: FormAction<{ streamKey: string }>;
  sessionId: string;
  ingestUrl: string;
  playbackUrl: string;
  hint: string | null;
}) {
  const t = useTranslations("streamer");
  const [state, formAction, pending] = useActionState(action, null);
  const key = state?.ok ? state.data.streamKey : null;
  return (
    <div className="flex flex-col gap-2 text-sm" data-testid="stream-key-panel">
      <p>
        {t("ingestUrl")}: <code className="break-all">{ingestUrl}</code>
      </p>
      <p>
        {t("streamName")}:{" "}
        <code className="break-all">
          {key ? `${sessionId}?token=${key}` : hint ? `${sessionId}?token=…${hint}` : t("noKey")}
        </code>
      </p>
      {key ? (
        <Notice tone="success">
          <span data-testid="new-stream-key">{key}</span>
          <br />
          {t("keyShownOnce")}
        </Notice>
      ) : null}
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <form action={formAction}>
        <input type="hidden" name="sessionId" value={sessionId} />
        <Button type="submit" variant="secondary" disabled={pending} data-testid="regenerate-key">
          {hint ? t("regenerateKey") : t("createKey")}
        </Button>
      </form>
      <p>
        {t("playbackUrl")}: <code className="break-all">{playbackUrl}</code>
      </p>
    </div>
  );
}
