"use client";

import { useTranslations } from "next-intl";
import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";

/** A filter list (屏蔽词) as one text box: a streamer's own, or the platform's on the admin page. */
export function CommentFiltersForm({ action, words, testId }: { action: FormAction; words: string[]; testId: string }) {
  const t = useTranslations("live");
  return (
    <ActionForm action={action} successNote={t("filtersSaved")} testId={testId}>
      {(fields, pending) => (
        <>
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-semibold">{t("filters")}</span>
            <span className="text-xs text-ink-500">{t("filtersHelp")}</span>
            <textarea
              name="words"
              defaultValue={words.join("\n")}
              rows={4}
              className="rounded-lg px-3 py-2 ring-1 ring-rice-200"
              aria-invalid={fields?.words ? true : undefined}
              data-testid={`${testId}-words`}
            />
          </label>
          <Button type="submit" disabled={pending} className="self-start">
            {t("filtersSave")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
