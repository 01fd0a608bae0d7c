import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { listAuditLog, requireWorkspacePage } from "@/lib/auth";
import { auditEntityKinds, auditLogInput, knownAuditActions, type AuditLogInput } from "@/lib/audit/contract";
import { titled } from "@/lib/i18n/server";

export const generateMetadata = titled("adminAudit");

type Search = Record<string, string | string[] | undefined>;

/** The filters as a query string (blank ones left out), optionally with a cursor. */
function query(filter: AuditLogInput, before?: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, before })) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

const json = (v: Record<string, unknown> | null) => (v ? JSON.stringify(v) : "—");

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requireWorkspacePage("admin");
  // The contract's own keys only: a stray parameter (a tracking tag) does not turn the page into an error.
  const search = await searchParams;
  const raw: Record<string, string | undefined> = Object.fromEntries(
    Object.keys(auditLogInput.shape).map((k) => {
      const v = search[k];
      return [k, Array.isArray(v) ? v[0] : v];
    }),
  );
  const parsed = auditLogInput.safeParse(raw);
  const filter: AuditLogInput = parsed.success ? parsed.data : {};
  const [t, format, page] = await Promise.all([
    getTranslations("adminAudit"),
    getFormatter(),
    parsed.success ? listAuditLog(viewer, filter) : Promise.resolve({ rows: [], nextBefore: null }),
  ]);
  const fieldErrors = parsed.success
    ? {}
    : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), [t("invalidFilter")]]));
  const { before: _cursor, ...filters } = filter;
  return (
    <div className="flex flex-col gap-4" data-testid="admin-audit">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      <p className="text-sm text-ink-700">{t("intro")}</p>
      <form
        method="get"
        role="search"
        className="grid grid-cols-1 gap-3 rounded-xl bg-white p-3 ring-1 ring-rice-200 sm:grid-cols-3"
      >
        <Field
          label={t("actor")}
          name="actor"
          defaultValue={raw.actor ?? ""}
          maxLength={254}
          hint={t("actorHint")}
          errors={fieldErrors.actor}
        />
        <Field
          label={t("action")}
          name="action"
          defaultValue={raw.action ?? ""}
          maxLength={64}
          placeholder="station.suspend"
          list="audit-actions"
          errors={fieldErrors.action}
        />
        <datalist id="audit-actions">
          {knownAuditActions.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <Field label={t("entityKind")} name="entityKind" errors={fieldErrors.entityKind}>
          {(control) => (
            <select
              {...control}
              defaultValue={raw.entityKind ?? ""}
              className="min-h-11 w-full rounded-lg border border-rice-200 bg-white px-3 py-2 text-base"
            >
              <option value="">{t("anyKind")}</option>
              {auditEntityKinds.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t("entityId")}
          name="entityId"
          defaultValue={raw.entityId ?? ""}
          maxLength={64}
          errors={fieldErrors.entityId}
        />
        <Field label={t("from")} name="from" type="date" defaultValue={raw.from ?? ""} errors={fieldErrors.from} />
        <Field label={t("to")} name="to" type="date" defaultValue={raw.to ?? ""} errors={fieldErrors.to} />
        <div className="flex flex-wrap items-end gap-2 sm:col-span-3">
          <button className={buttonClass("primary")} data-testid="audit-filter">
            {t("filter")}
          </button>
          <Link href="/admin/audit" className={buttonClass("secondary")}>
            {t("clear")}
          </Link>
          <a
            href={`/admin/audit/export${query(filters)}`}
            className={buttonClass("secondary", "sm:ml-auto")}
            data-testid="audit-csv"
            download
          >
            {t("exportCsv")}
          </a>
        </div>
      </form>
      {page.rows.length === 0 ? (
        <p className="text-ink-700" data-testid="audit-empty">
          {t("none")}
        </p>
      ) : null}
      <ul className="flex flex-col gap-2">
        {page.rows.map((r) => (
          <li
            key={r.id}
            className="flex flex-col gap-1 rounded-xl bg-white p-3 text-sm ring-1 ring-rice-200"
            data-testid="audit-row"
            data-action={r.action}
            data-entity={`${r.entityKind}:${r.entityId}`}
          >
            <div className="flex flex-wrap items-baseline gap-x-2">
              <span className="font-mono font-medium" data-testid="audit-action">
                {r.action}
              </span>
              <span className="text-ink-500">
                {r.entityKind} · <span className="break-all">{r.entityId}</span>
              </span>
              <time className="ml-auto text-xs text-ink-500" dateTime={r.at.toISOString()}>
                {format.dateTime(r.at, "medium")}
              </time>
            </div>
            <p className="text-xs text-ink-700" data-testid="audit-actor">
              {r.actorId ? t("by", { name: r.actorName ?? r.actorId, email: r.actorEmail ?? "" }) : t("system")}
            </p>
            <p className="font-mono text-xs break-all text-ink-700">
              <span data-testid="audit-before">{json(r.before)}</span> →{" "}
              <span data-testid="audit-after">{json(r.after)}</span>
            </p>
          </li>
        ))}
      </ul>
      <nav className="flex gap-2" aria-label={t("pages")}>
        {filter.before ? (
          <Link href={`/admin/audit${query(filters)}`} className={buttonClass("secondary")} data-testid="audit-newest">
            {t("newest")}
          </Link>
        ) : null}
        {page.nextBefore ? (
          <Link
            href={`/admin/audit${query(filters, page.nextBefore)}`}
            className={buttonClass("secondary")}
            data-testid="audit-older"
          >
            {t("older")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
