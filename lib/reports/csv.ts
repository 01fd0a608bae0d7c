import "server-only";
import type { Viewer } from "../auth/contract";
import { toCsv } from "../core/csv";
import { AppError } from "../core/errors";
import { adminReport } from "./admin-report";
import type { ReportCsvInput, ReportTable } from "./contract";
import { coopReport } from "./coop-report";
import { sessionReport } from "./session-report";
import { stationReport } from "./station-report";

/** Fen as yuan (a number: a negative one is data to the CSV's formula guard); a share as a fraction. */
const cell = (v: string | number | null, kind: ReportTable["columns"][number]["kind"]) =>
  v === null ? "" : kind === "fen" && typeof v === "number" ? v / 100 : v;

/**
 * One table of a report as CSV, with the same access and period as its page: the column keys as the header, money in
 * yuan, shares as fractions, days as YYYY-MM-DD.
 */
export async function reportCsv(
  viewer: Viewer | null,
  input: ReportCsvInput,
): Promise<{ csv: string; filename: string }> {
  const q = { range: input.range ?? "30d", from: input.from, to: input.to, grain: input.grain } as const;
  const tables: Record<string, ReportTable> =
    input.report === "coop"
      ? (await coopReport(viewer, input.id, q)).tables
      : input.report === "station"
        ? (await stationReport(viewer, input.id, q)).tables
        : input.report === "admin"
          ? (await adminReport(viewer, q)).tables
          : (await sessionReport(viewer, input.id)).tables;
  const table = tables[input.table];
  if (!table) throw new AppError("VALIDATION", "no such table", { fields: { table: ["invalid"] } });
  return {
    csv: toCsv(
      table.columns.map((c) => c.key),
      table.rows.map((r) => r.map((v, i) => cell(v, table.columns[i]!.kind))),
    ),
    filename: `report-${input.report}-${input.table}.csv`,
  };
}
