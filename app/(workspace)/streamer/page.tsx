import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { apiScopes, listApiTokens, requireWorkspacePage } from "@/lib/auth";
import { listCoops } from "@/lib/catalog";
import { pick } from "@/lib/i18n/locales";
import { listMySessions } from "@/lib/live";
import { ApiTokens } from "./_components/api-tokens";
import { SessionForm } from "./_components/session-form";
import { createSessionAction, createTokenAction, revokeTokenAction } from "./actions";

export const generateMetadata = titled("streamer");

export default async function StreamerWorkspacePage() {
  const viewer = await requireWorkspacePage("streamer");
  const [locale, format, t, tl, sessions, coops, tokens] = await Promise.all([
    getLocale(),
    getFormatter(),
    getTranslations("streamer"),
    getTranslations("live"),
    listMySessions(viewer),
    listCoops(),
    listApiTokens(viewer),
  ]);
  return (
    <div className="flex flex-col gap-6" data-testid="workspace-streamer">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-bold">{t("title")}</h1>
        <nav className="flex gap-4 text-sm">
          <Link href="/streamer/agreements" className="text-paddy-700 underline" data-testid="streamer-nav-agreements">
            {t("agreementsLink")}
          </Link>
          <Link href="/streamer/earnings" className="text-paddy-700 underline" data-testid="streamer-nav-earnings">
            {t("earningsLink")}
          </Link>
          <Link href="/streamer/guide" className="text-paddy-700 underline">
            {t("guideLink")}
          </Link>
        </nav>
      </div>
      <section className="flex flex-col gap-2">
        <h2 className="font-semibold">{t("sessions")}</h2>
        <ul className="divide-y divide-rice-200 rounded-xl bg-white ring-1 ring-rice-200">
          {sessions.map((s) => (
            <li
              key={s.id}
              className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm"
              data-testid="streamer-session"
            >
              <div>
                <p className="font-medium">{s.title}</p>
                <p className="text-xs text-ink-500">
                  {format.dateTime(s.scheduledAt, "medium")} · {tl(`status.${s.status}`)}
                </p>
              </div>
              <div className="flex gap-3">
                <Link href={`/streamer/sessions/${s.id}`} className="text-paddy-700 underline">
                  {t("setup")}
                </Link>
                {s.status === "scheduled" || s.status === "live" ? (
                  <Link
                    href={`/streamer/sessions/${s.id}/control`}
                    className="text-paddy-700 underline"
                    data-testid="open-control"
                  >
                    {t("controlRoom")}
                  </Link>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="mb-2 font-semibold">{t("apiTokens")}</h2>
        <ApiTokens
          tokens={tokens.map((x) => ({
            id: x.id,
            name: x.name,
            hint: x.hint,
            scopes: x.scopes,
            revoked: Boolean(x.revokedAt),
            lastUsed: x.lastUsedAt ? format.dateTime(x.lastUsedAt, "stamp") : null,
          }))}
          scopes={apiScopes}
          create={createTokenAction}
          revoke={revokeTokenAction}
        />
      </section>
      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="mb-2 font-semibold">{t("newSession")}</h2>
        <SessionForm
          action={createSessionAction}
          coops={coops.map((c) => ({ id: c.id, name: pick(locale, c.nameZh, c.nameEn) }))}
        />
      </section>
    </div>
  );
}
