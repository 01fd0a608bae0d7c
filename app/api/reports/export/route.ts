import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/auth";
import { reportCsv } from "@/lib/reports";
import { reportCsvInput } from "@/lib/reports/contract";

// GET /api/reports/export?report=coop&id=…&table=buckets&range=30d — one table of a report as CSV, with the same
// access as its page (a cooperative's members, a station's managers, the session's streamer and cooperatives, admins).
export const GET = defineRoute(
  { name: "reportCsv", access: "user", input: reportCsvInput },
  async ({ input, viewer }) => {
    const { csv, filename } = await reportCsv(viewer, input);
    return new NextResponse(`\uFEFF${csv}`, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
);
