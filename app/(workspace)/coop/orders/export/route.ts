import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/auth";
import { coopOrdersCsv } from "@/lib/orders";
import { coopOrdersCsvInput } from "@/lib/orders/contract";

// GET /coop/orders/export?coop=…&status=… — the cooperative's own order lines as CSV.
export const GET = defineRoute(
  { name: "coopOrdersCsv", access: "coop", input: coopOrdersCsvInput },
  async ({ input, viewer }) => {
    const csv = await coopOrdersCsv(viewer, input.coop, input.status);
    return new NextResponse(`\uFEFF${csv}`, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="orders-${input.coop}${input.status ? `-${input.status}` : ""}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
);
