"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/components/ui/action-form";

export function AssignManagerForm({ action, stationId }: { action: FormAction; stationId: string }) {
  const t = useTranslations("adminStations");
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="scopeId" value={stationId} />
      <input
        name="email"
        type="email"
        required
        maxLength={254}
        placeholder={t("managerEmail")}
        aria-label={t("managerEmail")}
        className="min-h-10 rounded-lg border border-rice-200 px-3 text-sm"
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("assign")}
      </Button>
      {state && !state.ok ? (
        <span role="alert" className="text-xs text-persimmon-600">
          {state.fields?.email?.join(" ") ?? state.message}
        </span>
      ) : null}
    </form>
  );
}
