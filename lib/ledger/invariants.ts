import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../db";
import { accounts } from "./accounts";

/**
 * The ledger's invariants, checked against the order book (tests and the admin's finance page run this):
 * every journal balances; all balances sum to zero; for every order, what the parties and the platform hold of it
 * plus what is still held for the buyer equals what was paid less what was refunded (a completed order paid in full
 * holds nothing for the buyer); no payout exceeded the party's balance when it was made. Returns what is wrong.
 */
export async function ledgerViolations(db: DbOrTx): Promise<string[]> {
  const out: string[] = [];
  const unbalanced = await rowsOf<{ journal_id: string; fen: string }>(
    db.execute(
      sql`select journal_id, sum(amount_fen) as fen from ledger_entries group by journal_id having sum(amount_fen) <> 0 limit 10`,
    ),
  );
  for (const j of unbalanced) out.push(`journal ${j.journal_id} is off by ${j.fen} fen`);
  const [total] = await rowsOf<{ fen: string | null }>(
    db.execute(sql`select sum(amount_fen) as fen from ledger_entries`),
  );
  if (Number(total?.fen ?? 0) !== 0) out.push(`the balances sum to ${total?.fen} fen, not 0`);

  const orders = await rowsOf<{
    id: string;
    status: string;
    paid: string;
    refunded: string;
    shares: string;
    held: string;
    due: string;
  }>(
    db.execute(sql`
      with paid_online as (
        select order_id, sum(amount_fen) as fen from payments where status = 'paid' group by order_id
      ), refunded as (
        select order_id, sum(amount_fen) as fen from refunds group by order_id
      ), ledger as (
        select order_id,
          sum(amount_fen) filter (where order_line_id is not null and account_id not in (${accounts.buyerFunds}, ${accounts.refundsPayable})) as shares,
          sum(amount_fen) filter (where account_id = ${accounts.buyerFunds}) as held
        from ledger_entries where order_id is not null group by order_id
      ), due as (
        select o.id as order_id,
          coalesce(sum(l.line_total_fen) filter (where l.status <> 'cancelled'), 0)
            + case when count(*) filter (where l.status <> 'cancelled') > 0 then o.delivery_fee_fen else 0 end as fen
        from orders o join order_lines l on l.order_id = o.id group by o.id, o.delivery_fee_fen
      )
      select o.id, o.status,
        coalesce(p.fen, 0) + case when o.status = 'completed' and o.payment_method in ('pay_at_pickup', 'cash_on_delivery') then d.fen else 0 end as paid,
        coalesce(r.fen, 0) as refunded,
        -coalesce(g.shares, 0) as shares,
        -coalesce(g.held, 0) as held,
        d.fen as due
      from orders o
      join due d on d.order_id = o.id
      left join paid_online p on p.order_id = o.id
      left join refunded r on r.order_id = o.id
      left join ledger g on g.order_id = o.id
    `),
  );
  for (const o of orders) {
    const [paid, refunded, shares, held] = [o.paid, o.refunded, o.shares, o.held].map(Number) as [
      number,
      number,
      number,
      number,
    ];
    if (shares + held !== paid - refunded)
      out.push(`order ${o.id}: shares ${shares} + held ${held} ≠ paid ${paid} − refunded ${refunded}`);
    if (o.status === "completed" && paid === Number(o.due) && held !== 0)
      out.push(`order ${o.id}: completed and paid in full, yet ${held} fen still held for the buyer`);
  }

  const payouts = await rowsOf<{ key: string; amount: string; before: string }>(
    db.execute(sql`
      select j.key, e.amount_fen as amount,
        (select -coalesce(sum(x.amount_fen), 0) from ledger_entries x
          where x.account_id in (e.account_id, case when a.kind = 'station' then 'station_cash:' || a.party_id end)
            and x.id < e.id) as before
      from ledger_journals j
      join ledger_entries e on e.journal_id = j.id and e.amount_fen > 0
      join ledger_accounts a on a.id = e.account_id
      where j.kind = 'payout'
    `),
  );
  for (const p of payouts)
    if (Number(p.amount) > Number(p.before)) out.push(`${p.key}: paid ${p.amount} fen with only ${p.before} owed`);
  return out;
}
