"use client";

import { useTranslations } from "next-intl";
import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { StreamerDetails } from "@/lib/joining/contract";

const textareaClass =
  "min-h-24 w-full rounded-lg border border-rice-200 bg-white px-3 py-2 text-base aria-[invalid]:border-persimmon-500";

/** The streamer's application; with `applicationId` it corrects and resubmits the rejected one. */
export function StreamerForm({
  action,
  applicationId,
  initial,
}: {
  action: FormAction;
  applicationId?: string;
  initial?: StreamerDetails;
}) {
  const t = useTranslations("apply.streamer");
  return (
    <ActionForm action={action} statusAt="bottom" className="flex flex-col gap-4" testId="apply-streamer-form">
      {(errors, pending) => (
        <>
          {applicationId ? <input type="hidden" name="applicationId" value={applicationId} /> : null}
          <Field
            label={t("displayName")}
            name="displayName"
            required
            maxLength={40}
            defaultValue={initial?.displayName}
            errors={errors?.displayName}
          />
          <Field label={t("bio")} name="bio" errors={errors?.bio}>
            {(control) => (
              <textarea {...control} required maxLength={300} defaultValue={initial?.bio} className={textareaClass} />
            )}
          </Field>
          <Field
            label={t("channelLinks")}
            name="channelLinks"
            hint={t("channelLinksHint")}
            errors={errors?.channelLinks}
          >
            {(control) => (
              <textarea
                {...control}
                required
                maxLength={2000}
                spellCheck={false}
                placeholder="https://"
                defaultValue={initial?.channelLinks.join("\n")}
                className={textareaClass}
              />
            )}
          </Field>
          <Field label={t("interests")} name="interests" hint={t("interestsHint")} errors={errors?.interests}>
            {(control) => (
              <textarea
                {...control}
                required
                maxLength={500}
                defaultValue={initial?.interests}
                className={textareaClass}
              />
            )}
          </Field>
          <Button type="submit" disabled={pending} className="self-start" data-testid="apply-submit">
            {applicationId ? t("resubmit") : t("submit")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
