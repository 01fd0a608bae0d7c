import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireWorkspacePage } from "@/lib/auth";
import { titled } from "@/lib/i18n/server";
import { sessionReport } from "@/lib/reports";
import { SessionReportView } from "@/app/(workspace)/_reports/session-report-view";
import { orNotFound } from "@/app/(workspace)/coop/_lib/or-not-found";

export const generateMetadata = titled("sessionReport");

export default async function StreamerSessionReportPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireWorkspacePage("streamer");
  const { id } = await params;
  const [t, report] = await Promise.all([getTranslations("streamer"), orNotFound(sessionReport(viewer, id))]);
  return (
    <div className="flex flex-col gap-3">
      <Link
        href={`/streamer/sessions/${encodeURIComponent(id)}`}
        className="self-start text-sm text-paddy-700 underline"
      >
        {t("title")}
      </Link>
      <SessionReportView report={report} />
    </div>
  );
}
