import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/auth";
import { statementCsv } from "@/lib/finance";
import { statementCsvInput } from "@/lib/finance/contract";

// GET /api/finance/statement?kind=coop&id=…&period=week&day=YYYY-MM-DD — a party's statement as CSV, for its
// own members (and admins); anyone else's answers 404. kind=platform&id=platform: the platform's fees, admins only.
export const GET = defineRoute(
  { name: "statementCsv", access: "user", input: statementCsvInput },
  async ({ input, viewer }) => {
    const subject = input.kind === "platform" ? { kind: input.kind } : { kind: input.kind, id: input.id };
    const { csv, filename } = await statementCsv(viewer, subject, {
      period: input.period,
      day: input.day,
      after: undefined,
    });
    return new NextResponse(`\uFEFF${csv}`, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
);
