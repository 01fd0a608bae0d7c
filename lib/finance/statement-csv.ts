import "server-only";
import type { Viewer } from "../auth/contract";
import { toCsv } from "../core/csv";
import type { Party } from "../ledger/contract";
import type { StatementQuery } from "./contract";
import { FINANCE_TIME_ZONE } from "./periods";
import { statementForExport } from "./read-models";

/** Yuan as a number (a negative one is data, not a formula, to the CSV's formula guard): 10496 → 104.96. */
const yuan = (fen: number) => fen / 100;
const local = new Intl.DateTimeFormat("sv-SE", {
  timeZone: FINANCE_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/**
 * A statement as CSV for a spreadsheet or an accountant: the opening balance, every entry of the period (with its
 * order, item, the amount and the running balance, in yuan and in fen), the closing balance. Amounts are what the
 * platform owes the party.
 */
export async function statementCsv(
  viewer: Viewer | null,
  subject: Party | { kind: "platform" },
  q: StatementQuery,
): Promise<{ csv: string; filename: string }> {
  const st = await statementForExport(viewer, subject, q);
  const header = [
    "entry_id",
    "posted_at",
    "local_time",
    "kind",
    "cash",
    "order_number",
    "item",
    "amount_yuan",
    "balance_yuan",
    "amount_fen",
    "balance_fen",
  ];
  const rows = [
    ["", "", st.period.firstDay, "opening_balance", "", "", "", "", yuan(st.openingFen), "", st.openingFen],
    ...st.entries.map((e) => [
      e.id,
      e.at.toISOString(),
      local.format(e.at),
      e.kind,
      e.cash ? "yes" : "",
      e.orderNumber ?? "",
      e.item?.zh ?? "",
      yuan(e.amountFen),
      yuan(e.balanceFen),
      e.amountFen,
      e.balanceFen,
    ]),
    ["", "", st.period.lastDay, "closing_balance", "", "", "", "", yuan(st.closingFen), "", st.closingFen],
  ];
  return {
    csv: toCsv(header, rows),
    filename: `statement-${subject.kind}-${st.period.firstDay}-${st.period.kind}.csv`,
  };
}
