"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { coopMemberRoles, INVITATION_HOURS } from "@/lib/accounts/contract";

type Invited = { invitationId: string; link: string; emailed: boolean };

/**
 * The owner invites by e-mail or phone with a role. The link comes back once, in the action's answer: it is shown
 * here to copy (and was e-mailed when the identifier is an e-mail); the page never shows it again.
 */
export function InviteForm({ action, coopId }: { action: FormAction<Invited>; coopId: string }) {
  const t = useTranslations("coopTeam");
  const [invited, setInvited] = useState<(Invited & { identifier: string }) | null>(null);
  const [copied, setCopied] = useState(false);
  const withLink: FormAction = async (prev, form) => {
    const r = await action(null, form);
    if (r.ok) {
      setInvited({ ...r.data, identifier: String(form.get("identifier") ?? "").trim() });
      setCopied(false);
    }
    return r;
  };
  return (
    <div className="flex flex-col gap-3">
      <ActionForm action={withLink} resetOnSuccess testId="invite-form">
        {(errors, pending) => (
          <>
            <input type="hidden" name="coopId" value={coopId} />
            <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
              <Field
                label={t("identifier")}
                name="identifier"
                required
                maxLength={254}
                autoComplete="off"
                hint={t("inviteHint", { hours: INVITATION_HOURS })}
                errors={errors?.identifier}
                data-testid="invite-identifier"
              />
              <Field label={t("roleLabel")} name="role" errors={errors?.role}>
                {(control) => (
                  <select
                    {...control}
                    defaultValue="staff"
                    className="min-h-11 w-full rounded-lg border border-rice-200 bg-white px-3 py-2 text-base"
                    data-testid="invite-role"
                  >
                    {coopMemberRoles.map((r) => (
                      <option key={r} value={r}>
                        {t(`role.${r}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <Button type="submit" disabled={pending} className="self-start" data-testid="invite-submit">
              {t("sendInvite")}
            </Button>
          </>
        )}
      </ActionForm>
      {invited ? (
        <div
          className="flex flex-col gap-2 rounded-lg bg-paddy-500/10 p-3 text-sm ring-1 ring-paddy-500/30"
          role="status"
        >
          <p>{t("inviteReady")}</p>
          <div className="flex flex-col gap-2 sm:flex-row">
            <input
              readOnly
              value={invited.link}
              aria-label={t("inviteReady")}
              onFocus={(e) => e.currentTarget.select()}
              className="min-h-10 w-full min-w-0 rounded-lg border border-rice-200 bg-white px-3 py-2 font-mono text-xs"
              data-testid="invite-link"
            />
            <Button
              type="button"
              variant="secondary"
              className="shrink-0"
              data-testid="invite-copy"
              onClick={() =>
                void navigator.clipboard?.writeText(invited.link).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {copied ? t("copied") : t("copy")}
            </Button>
          </div>
          {invited.emailed ? (
            <p data-testid="invite-emailed">{t("inviteEmailed", { identifier: invited.identifier })}</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
