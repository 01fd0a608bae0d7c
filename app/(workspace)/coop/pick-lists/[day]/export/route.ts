import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/auth";
import { pickListCsv } from "@/lib/orders";
import { pickListCsvInput, pickListDay } from "@/lib/orders/contract";

// GET /coop/pick-lists/[day]/export?coop=… — the day's pick list as CSV (one row per bagged item).
export const GET = defineRoute(
  { name: "pickListCsv", access: "coop", input: pickListCsvInput },
  async ({ input, viewer, params }) => {
    const day = pickListDay.parse(params.day);
    const csv = await pickListCsv(viewer, input.coop, day);
    return new NextResponse(`\uFEFF${csv}`, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="pick-list-${day}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
);
