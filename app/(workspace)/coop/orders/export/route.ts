import { NextResponse } from "next/server";
import { z } from "zod";
import { defineRoute } from "@/lib/auth";
import { coopOrdersCsv } from "@/lib/orders";

const input = z.strictObject({
  coop: z.string().min(1).max(64),
  status: z.enum(["placed", "confirmed", "dispatched", "cancelled"]).optional(),
});

// GET /coop/orders/export?coop=…&status=… — the cooperative's own order lines as CSV.
export const GET = defineRoute({ name: "coopOrdersCsv", access: "coop", input }, async ({ input, viewer }) => {
  const csv = await coopOrdersCsv(viewer, input.coop, input.status);
  return new NextResponse(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="orders-${input.coop}${input.status ? `-${input.status}` : ""}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
});
