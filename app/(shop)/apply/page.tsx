import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ApplicationStatusBadge } from "@/components/joining/application-status-badge";
import { ActionButton } from "@/components/ui/action-button";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { requireViewerPage } from "@/lib/auth";
import { listMyApplications } from "@/lib/joining";
import { applicationKinds, applicationTitle } from "@/lib/joining/contract";
import { withdrawApplicationAction } from "./actions";

export const generateMetadata = titled("apply");

export default async function ApplyPage() {
  const viewer = await requireViewerPage();
  const [t, format, mine] = await Promise.all([getTranslations("apply"), getFormatter(), listMyApplications(viewer)]);
  const open = new Set(mine.filter((a) => a.status === "pending" || a.status === "rejected").map((a) => a.kind));
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-6" data-testid="my-applications">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      <section className="flex flex-col gap-3">
        <p className="text-sm text-ink-700">{t("intro")}</p>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          {applicationKinds.map((kind) => (
            <div key={kind} className="flex flex-col gap-2 rounded-xl bg-white p-4 ring-1 ring-rice-200">
              <h2 className="font-semibold">{t(`kinds.${kind}`)}</h2>
              <p className="flex-1 text-sm text-ink-500">{t(`blurb.${kind}`)}</p>
              {open.has(kind) ? (
                <p className="text-xs text-ink-500">{t("oneOpen")}</p>
              ) : (
                <Link
                  href={`/apply/${kind}`}
                  className={buttonClass("primary", "self-start")}
                  data-testid={`apply-${kind}`}
                >
                  {t("start")}
                </Link>
              )}
            </div>
          ))}
        </div>
      </section>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">{t("mine")}</h2>
        {mine.length === 0 ? (
          <p className="text-sm text-ink-500">{t("none")}</p>
        ) : (
          <ul className="divide-y divide-rice-200 rounded-xl bg-white ring-1 ring-rice-200">
            {mine.map((a) => (
              <li key={a.id} className="flex flex-col gap-2 p-4" data-testid="my-application">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{applicationTitle(a)}</span>
                  <span className="text-xs text-ink-500">{t(`kinds.${a.kind}`)}</span>
                  <ApplicationStatusBadge status={a.status}>{t(`status.${a.status}`)}</ApplicationStatusBadge>
                </div>
                <p className="text-xs text-ink-500">
                  {t("submittedAt", { at: format.dateTime(a.submittedAt, "short"), revision: a.revision })}
                </p>
                {a.status === "rejected" && a.rejectReason ? (
                  <Notice tone="error" testId="reject-reason">
                    {t("reason", { reason: a.rejectReason })}
                  </Notice>
                ) : null}
                {a.status === "approved" ? (
                  <Link href={`/${a.kind}`} className="self-start text-sm text-paddy-700 underline">
                    {t(`workspace.${a.kind}`)}
                  </Link>
                ) : null}
                {a.status === "pending" || a.status === "rejected" ? (
                  <div className="flex flex-wrap items-start gap-2">
                    {a.status === "rejected" ? (
                      <Link
                        href={`/apply/${a.kind}`}
                        className={buttonClass("primary")}
                        data-testid="resubmit-application"
                      >
                        {t("correct")}
                      </Link>
                    ) : null}
                    <ActionButton
                      action={withdrawApplicationAction}
                      fields={{ applicationId: a.id }}
                      label={t("withdraw")}
                      confirm={t("withdrawConfirm")}
                      testId="withdraw-application"
                    />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
