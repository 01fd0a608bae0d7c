import Link from "next/link";
import { titled } from "@/lib/i18n/server";
import { getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import { listUsersForAdmin, requireWorkspacePage } from "@/lib/auth";
import { listNeedsAttention } from "@/lib/orders";
import { lookup } from "@/lib/i18n/lookup";
import { CommentFiltersForm } from "@/components/live/comment-filters-form";
import { commentFilters, PLATFORM_FILTERS } from "@/lib/live";
import { setPlatformCommentFiltersAction, setUserStatusAction } from "./actions";

export const generateMetadata = titled("admin");

export default async function AdminPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const viewer = await requireWorkspacePage("admin");
  const { q = "" } = await searchParams;
  const [t, users, attention, platformFilters] = await Promise.all([
    getTranslations("admin"),
    listUsersForAdmin(viewer, q),
    listNeedsAttention(viewer),
    commentFilters(PLATFORM_FILTERS),
  ]);
  const waiting = attention.reviews.length + attention.failedRefunds.length + attention.stuckHolds.length;
  return (
    <div className="flex flex-col gap-4" data-testid="workspace-admin">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      {waiting > 0 ? (
        <Link
          href="/admin/attention"
          className="rounded-xl bg-persimmon-500/10 p-3 text-sm font-medium text-persimmon-600 ring-1 ring-persimmon-500/30"
          data-testid="admin-attention-summary"
        >
          {t("attentionSummary", { count: waiting })}
        </Link>
      ) : null}
      <form className="flex gap-2" role="search">
        <input
          name="q"
          defaultValue={q}
          maxLength={100}
          placeholder={t("searchUsers")}
          className="min-h-10 flex-1 rounded-lg border border-rice-200 px-3"
        />
        <button className="rounded-lg bg-white px-3 ring-1 ring-rice-200">{t("search")}</button>
      </form>
      <section className="flex flex-col gap-2">
        <h2 className="font-semibold">{t("users")}</h2>
        <ul className="divide-y divide-rice-200 rounded-xl bg-white ring-1 ring-rice-200">
          {users.map((u) => (
            <li key={u.id} className="flex flex-wrap items-center gap-2 p-3 text-sm" data-testid="admin-user-row">
              <div className="min-w-0 flex-1">
                <p className="font-medium">{u.name}</p>
                <p className="truncate text-xs text-ink-500">
                  {u.email ?? u.phone} ·{" "}
                  {u.memberships.map((m) => lookup(t, `kinds.${m.kind}`)).join(" · ") || t("kinds.consumer")}
                </p>
              </div>
              <span className={u.status === "active" ? "text-paddy-700" : "text-persimmon-600"}>
                {t(`status.${u.status}`)}
              </span>
              {u.id !== viewer.userId ? (
                <ActionButton
                  action={setUserStatusAction}
                  fields={{ userId: u.id, status: u.status === "active" ? "suspended" : "active" }}
                  label={u.status === "active" ? t("suspend") : t("reactivate")}
                  variant={u.status === "active" ? "danger" : "secondary"}
                  confirm={u.status === "active" ? t("suspendConfirm", { name: u.name }) : undefined}
                  testId={`set-status-${u.email ?? u.id}`}
                />
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section className="rounded-xl bg-white p-3 ring-1 ring-rice-200">
        <CommentFiltersForm
          action={setPlatformCommentFiltersAction}
          words={platformFilters}
          testId="platform-filters"
        />
      </section>
    </div>
  );
}
