import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireWorkspacePage } from "@/lib/auth";
import { titled } from "@/lib/i18n/server";
import { sessionReport } from "@/lib/reports";
import { SessionReportView } from "@/app/(workspace)/_reports/session-report-view";
import { orNotFound } from "../../../_lib/or-not-found";

export const generateMetadata = titled("sessionReport");

export default async function CoopSessionReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ coop?: string }>;
}) {
  const viewer = await requireWorkspacePage("coop");
  const [{ id }, { coop }] = await Promise.all([params, searchParams]);
  const [t, report] = await Promise.all([getTranslations("reports"), orNotFound(sessionReport(viewer, id))]);
  return (
    <div className="flex flex-col gap-3">
      <Link
        href={`/coop/reports${coop ? `?coop=${encodeURIComponent(coop)}` : ""}`}
        className="self-start text-sm text-paddy-700 underline"
      >
        {t("title.coop")}
      </Link>
      <SessionReportView report={report} />
    </div>
  );
}
