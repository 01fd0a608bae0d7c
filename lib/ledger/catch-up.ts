import "server-only";
import { eq, max, sql } from "drizzle-orm";
import { rowsOf, schema as s, type Db } from "../db";
import { postOrderFulfilled, postPaymentCaptured } from "./order-postings";
import { postRefund } from "./refund-postings";

const WATERMARK = "ledger_catch_up";
/** Facts changed this long before the last pass are looked at again (a transaction that committed late). */
const MARGIN_MS = 60 * 60_000;

export interface CatchUpReport {
  payments: number;
  orders: number;
  refunds: number;
}

/**
 * Posts what the order book holds but the ledger does not: paid payments, completed orders and refunds without
 * their journals. The paths that change them post in the same transaction, so at steady state this finds nothing;
 * it brings in what came before the ledger (and the demo data), and repairs a path that missed. Each fact posts in
 * its own transaction, dated when it happened (or when the last pass ran, for a fact that committed late).
 */
export async function catchUpLedger(db: Db, at: Date): Promise<CatchUpReport> {
  const [mark] = await db.select().from(s.appMeta).where(eq(s.appMeta.key, WATERMARK));
  const since = mark
    ? new Date(new Date((mark.value as { through: string }).through).getTime() - MARGIN_MS)
    : new Date(0);
  const report: CatchUpReport = { payments: 0, orders: 0, refunds: 0 };
  // A late fact is dated no earlier than the last closed statement period: closed statements never change.
  const [closed] = await db.select({ end: max(s.ledgerStatements.periodEnd) }).from(s.ledgerStatements);
  const dated = (fact: Date | string) => new Date(Math.max(new Date(fact).getTime(), closed?.end?.getTime() ?? 0));

  const payments = await rowsOf<{ id: string; at: Date | string }>(
    db.execute(sql`
      select p.id, p.updated_at as at from payments p
      where p.status = 'paid' and p.updated_at >= ${since}
        and not exists (select 1 from ledger_journals j where j.key = 'payment:' || p.id || ':captured')
      order by p.updated_at`),
  );
  for (const p of payments)
    if (await db.transaction((tx) => postPaymentCaptured(tx, p.id, dated(p.at)))) report.payments++;

  const orders = await rowsOf<{ id: string; at: Date | string }>(
    db.execute(sql`
      select o.id, coalesce(o.completed_at, o.updated_at) as at from orders o
      where o.status = 'completed' and o.updated_at >= ${since}
        and (
          exists (select 1 from order_lines l where l.order_id = o.id and l.status <> 'cancelled' and l.line_total_fen > 0
            and not exists (select 1 from ledger_journals j where j.key = 'order_line:' || l.id || ':earned'))
          or (o.payment_method in ('pay_at_pickup', 'cash_on_delivery')
            and not exists (select 1 from ledger_journals j where j.key = 'order:' || o.id || ':cash'))
        )
      order by 2`),
  );
  for (const o of orders) if (await db.transaction((tx) => postOrderFulfilled(tx, o.id, dated(o.at)))) report.orders++;

  const refunds = await rowsOf<{ id: string; at: Date | string }>(
    db.execute(sql`
      select r.id, r.updated_at as at from refunds r
      where r.updated_at >= ${since}
        and (not exists (select 1 from ledger_journals j where j.key = 'refund:' || r.id)
          or (r.status = 'succeeded' and not exists (select 1 from ledger_journals j where j.key = 'refund:' || r.id || ':paid')))
      order by r.updated_at`),
  );
  for (const r of refunds) if (await db.transaction((tx) => postRefund(tx, r.id, dated(r.at)))) report.refunds++;

  await db
    .insert(s.appMeta)
    .values({ key: WATERMARK, value: { through: at.toISOString() } })
    .onConflictDoUpdate({ target: s.appMeta.key, set: { value: { through: at.toISOString() }, updatedAt: at } });
  return report;
}
