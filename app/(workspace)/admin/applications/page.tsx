import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ApplicationStatusBadge } from "@/components/joining/application-status-badge";
import { requireWorkspacePage } from "@/lib/auth";
import { listApplicationsForAdmin } from "@/lib/joining";
import {
  applicationKinds,
  applicationQueueFilter,
  applicationStatuses,
  applicationTitle,
} from "@/lib/joining/contract";

export const generateMetadata = titled("adminApplications");

const selectClass = "min-h-11 rounded-lg border border-rice-200 bg-white px-3";

export default async function AdminApplicationsPage({
  searchParams,
}: {
  searchParams: Promise<{ kind?: string; status?: string }>;
}) {
  const viewer = await requireWorkspacePage("admin");
  // The queue opens on what waits for a decision; "all" shows every status.
  const raw = await searchParams;
  const filter = applicationQueueFilter.parse({ kind: raw.kind, status: raw.status ?? "pending" });
  const [t, ta, format, rows] = await Promise.all([
    getTranslations("adminReview"),
    getTranslations("apply"),
    getFormatter(),
    listApplicationsForAdmin(viewer, filter),
  ]);
  return (
    <div className="flex flex-col gap-4" data-testid="admin-applications">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      <form className="flex flex-wrap items-end gap-2" data-testid="application-filters">
        <label className="flex flex-col gap-1 text-sm">
          {t("filterKind")}
          <select name="kind" defaultValue={filter.kind ?? ""} className={selectClass}>
            <option value="">{t("all")}</option>
            {applicationKinds.map((k) => (
              <option key={k} value={k}>
                {ta(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t("filterStatus")}
          <select name="status" defaultValue={filter.status ?? "all"} className={selectClass}>
            <option value="all">{t("all")}</option>
            {applicationStatuses.map((st) => (
              <option key={st} value={st}>
                {ta(`status.${st}`)}
              </option>
            ))}
          </select>
        </label>
        <button className="min-h-11 rounded-lg bg-white px-4 ring-1 ring-rice-200">{t("filter")}</button>
      </form>
      {rows.length === 0 ? (
        <p className="text-sm text-ink-500">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-rice-200 rounded-xl bg-white ring-1 ring-rice-200">
          {rows.map((a) => (
            <li key={a.id} data-testid="application-row" data-kind={a.kind}>
              <Link
                href={`/admin/applications/${a.id}`}
                className="flex flex-wrap items-center gap-2 p-3 text-sm hover:bg-rice-50"
              >
                <span className="min-w-0 flex-1">
                  <span className="block font-medium">{applicationTitle(a)}</span>
                  <span className="block truncate text-xs text-ink-500">
                    {ta(`kinds.${a.kind}`)} · {a.applicant.name} · {a.applicant.email ?? a.applicant.phone} ·{" "}
                    {format.dateTime(a.submittedAt, "short")}
                  </span>
                </span>
                <ApplicationStatusBadge status={a.status}>{ta(`status.${a.status}`)}</ApplicationStatusBadge>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
