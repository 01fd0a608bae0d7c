"use client";

import { useTranslations } from "next-intl";
import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { coopMemberRoles, type CoopMemberRole } from "@/lib/accounts/contract";

/**
 * One button with hidden fields, showing the action's specific refusal ("the last owner…") beside it: an
 * ActionForm, whose failure text names field problems.
 */
export function TeamButton({
  action,
  fields,
  label,
  confirm,
  variant = "secondary",
  testId,
}: {
  action: FormAction;
  fields: Record<string, string>;
  label: string;
  confirm?: string;
  variant?: ButtonVariant;
  testId: string;
}) {
  return (
    <ActionForm action={action} className="flex flex-col items-start gap-1" statusAt="bottom">
      {(_, pending) => (
        <>
          {Object.entries(fields).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <Button
            type="submit"
            variant={variant}
            disabled={pending}
            data-testid={testId}
            onClick={(e) => {
              if (confirm && !window.confirm(confirm)) e.preventDefault();
            }}
          >
            {label}
          </Button>
        </>
      )}
    </ActionForm>
  );
}

/** An owner's role picker for one member. */
export function RoleForm({
  action,
  coopId,
  userId,
  role,
}: {
  action: FormAction;
  coopId: string;
  userId: string;
  role: CoopMemberRole;
}) {
  const t = useTranslations("coopTeam");
  return (
    <ActionForm
      action={action}
      className="flex flex-col items-start gap-1"
      statusAt="bottom"
      successNote={t("roleSaved")}
    >
      {(_, pending) => (
        <div className="flex items-center gap-2">
          <input type="hidden" name="coopId" value={coopId} />
          <input type="hidden" name="userId" value={userId} />
          <label className="sr-only" htmlFor={`role-${userId}`}>
            {t("roleLabel")}
          </label>
          <select
            id={`role-${userId}`}
            name="role"
            defaultValue={role}
            className="min-h-10 rounded-lg border border-rice-200 bg-white px-2 py-1 text-sm"
            data-testid="member-role"
          >
            {coopMemberRoles.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
          <Button type="submit" variant="secondary" disabled={pending} data-testid="member-role-save">
            {t("saveRole")}
          </Button>
        </div>
      )}
    </ActionForm>
  );
}
