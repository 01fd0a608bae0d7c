import type { ReportRange } from "@/lib/reports/contract";

/** Where a report table's CSV comes from: the same report, whose, and the same period as the page. */
export function csvHref(report: "coop" | "station" | "admin" | "session", id: string, range: ReportRange | null) {
  return (table: string) => {
    const q = new URLSearchParams({ report, id, table });
    if (range) {
      q.set("range", range.preset);
      q.set("grain", range.grain);
      if (range.preset === "custom") {
        q.set("from", range.from);
        q.set("to", range.to);
      }
    }
    return `/api/reports/export?${q}`;
  };
}
