import { titled } from "@/lib/i18n/server";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getCoopTeam } from "@/lib/accounts";
import { requireWorkspacePage } from "@/lib/auth";
import { resolveWorkspaceCoop } from "@/lib/catalog";
import { pick } from "@/lib/i18n/locales";
import { CoopSwitcher } from "../_components/coop-switcher";
import { orNotFound } from "../_lib/or-not-found";
import { InviteForm } from "./_components/invite-form";
import { RoleForm, TeamButton } from "./_components/team-forms";
import {
  changeMemberRoleAction,
  inviteMemberAction,
  leaveCoopAction,
  removeMemberAction,
  revokeInvitationAction,
} from "./actions";

export const generateMetadata = titled("coopTeam");

export default async function CoopTeamPage({ searchParams }: { searchParams: Promise<{ coop?: string }> }) {
  const viewer = await requireWorkspacePage("coop");
  const { current, coops } = await orNotFound(resolveWorkspaceCoop(viewer, (await searchParams).coop));
  const [locale, format, t, tw, team] = await Promise.all([
    getLocale(),
    getFormatter(),
    getTranslations("coopTeam"),
    getTranslations("coopWs"),
    orNotFound(getCoopTeam(viewer, current.id)),
  ]);
  const owner = team.viewerRole === "owner";
  return (
    <div className="flex flex-col gap-6" data-testid="coop-team">
      <div className="flex flex-col gap-1">
        <h1 className="text-xl font-bold">
          {t("title")} · {pick(locale, current.nameZh, current.nameEn)}
        </h1>
        <p className="text-sm text-ink-500">{t("intro")}</p>
      </div>
      <CoopSwitcher
        coops={coops}
        currentId={current.id}
        basePath="/coop/team"
        label={tw("switchCoop")}
        locale={locale}
      />

      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="mb-3 font-semibold">{t("members")}</h2>
        <ul className="flex flex-col divide-y divide-rice-100">
          {team.members.map((m) => (
            <li
              key={m.userId}
              className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between"
              data-testid="team-member"
              data-role={m.role}
            >
              <div className="min-w-0">
                <p className="font-medium">
                  <span data-testid="team-member-name">{m.name}</span> {m.isViewer ? t("you") : null}{" "}
                  <span
                    className="ml-1 rounded-full bg-rice-100 px-2 py-0.5 text-xs text-ink-700"
                    data-testid="team-member-role"
                  >
                    {t(`role.${m.role}`)}
                  </span>
                </p>
                <p className="truncate text-xs text-ink-500">
                  {[m.email, m.phone].filter(Boolean).join(" · ")} ·{" "}
                  {t("joined", { at: format.dateTime(m.joinedAt, "short") })}
                </p>
              </div>
              {owner && !m.isViewer ? (
                <div className="flex flex-wrap items-start gap-2">
                  <RoleForm action={changeMemberRoleAction} coopId={team.coopId} userId={m.userId} role={m.role} />
                  <TeamButton
                    action={removeMemberAction}
                    fields={{ coopId: team.coopId, userId: m.userId }}
                    label={t("remove")}
                    confirm={t("removeConfirm", { name: m.name })}
                    variant="danger"
                    testId="member-remove"
                  />
                </div>
              ) : null}
              {owner && m.isViewer ? (
                <RoleForm action={changeMemberRoleAction} coopId={team.coopId} userId={m.userId} role={m.role} />
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {owner ? (
        <>
          <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
            <h2 className="mb-3 font-semibold">{t("invite")}</h2>
            <InviteForm action={inviteMemberAction} coopId={team.coopId} />
          </section>
          <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200" data-testid="team-invitations">
            <h2 className="mb-3 font-semibold">{t("pending")}</h2>
            {team.invitations.length ? (
              <ul className="flex flex-col divide-y divide-rice-100">
                {team.invitations.map((inv) => (
                  <li
                    key={inv.id}
                    className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between"
                    data-testid="team-invitation"
                  >
                    <div className="min-w-0">
                      <p className="truncate font-medium">
                        {inv.identifier} · {t(`role.${inv.role}`)}
                      </p>
                      <p className="text-xs text-ink-500">
                        {t("expires", { at: format.dateTime(inv.expiresAt, "short") })}
                      </p>
                    </div>
                    <TeamButton
                      action={revokeInvitationAction}
                      fields={{ coopId: team.coopId, invitationId: inv.id }}
                      label={t("revoke")}
                      testId="invitation-revoke"
                    />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-ink-500">{t("noPending")}</p>
            )}
          </section>
        </>
      ) : (
        <p className="text-sm text-ink-500" data-testid="team-staff-note">
          {t("staffNote")}
        </p>
      )}

      <section className="flex flex-col gap-2 rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <p className="text-sm text-ink-500">{t("leaveHint")}</p>
        <TeamButton
          action={leaveCoopAction}
          fields={{ coopId: team.coopId }}
          label={t("leave")}
          confirm={t("leaveHint")}
          variant="danger"
          testId="team-leave"
        />
      </section>
    </div>
  );
}
