import { NextResponse } from "next/server";
import { auditLogCsv, defineRoute } from "@/lib/auth";
import { auditLogInput } from "@/lib/audit/contract";

// GET /admin/audit/export?actor=…&action=…&entityKind=…&entityId=…&from=…&to=… — the filtered audit log as CSV.
export const GET = defineRoute(
  { name: "auditLogCsv", access: "admin", input: auditLogInput },
  async ({ input, viewer }) => {
    const csv = await auditLogCsv(viewer, input);
    return new NextResponse(`\uFEFF${csv}`, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-log.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
);
