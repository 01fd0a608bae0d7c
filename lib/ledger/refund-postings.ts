import "server-only";
import { asc, eq, inArray, or } from "drizzle-orm";
import { schema as s, type Tx } from "../db";
import { accounts } from "./accounts";
import type { LineRates } from "./contract";
import { deliveringCoop, deliveryLineId, lineRates } from "./order-postings";
import { postJournal, type EntryDraft } from "./post";
import { splitLine } from "./split";

type RefundRow = typeof s.refunds.$inferSelect;

/** Accounts a refund never takes a line's share back from (they hold money, not shares). */
const notShares = new Set<string>([accounts.buyerFunds, accounts.refundsPayable]);

interface LineHolding {
  lineId: string;
  /** Each party account's current share of the line (credits, as positive fen). */
  current: Map<string, number>;
  /** The account each role's share goes to, and the line's rates. */
  roles: { streamer: string | null; station: string | null; platform: string; cooperative: string };
  rates: LineRates;
}

/**
 * A refund is owed to the buyer (`refund:<id>`): the amount moves to refunds payable, taken first from the line it
 * names, then from money still held for the order (not yet earned), then from the order's other lines and its
 * delivery fee — each line's shares reversed by `splitReversal`'s rule, so after a full refund every share is 0.
 * When the money has gone back (`refund:<id>:paid`), refunds payable is cleared against Stripe's balance, the
 * station's till or the delivering cooperative. Runs under the order's row lock: two refunds of one order at once
 * take from what the other left.
 */
export async function postRefund(tx: Tx, refundId: string, at: Date): Promise<number> {
  const [refund] = await tx.select().from(s.refunds).where(eq(s.refunds.id, refundId));
  if (!refund) return 0;
  let posted = 0;
  if (await postRefundOwed(tx, refund, at)) posted++;
  if (refund.status === "succeeded" && (await postRefundPaid(tx, refund, at))) posted++;
  return posted;
}

async function postRefundOwed(tx: Tx, refund: RefundRow, at: Date): Promise<boolean> {
  const key = `refund:${refund.id}`;
  const [done] = await tx
    .select({ id: s.ledgerJournals.id })
    .from(s.ledgerJournals)
    .where(eq(s.ledgerJournals.key, key));
  if (done) return false;
  const [order] = await tx.select().from(s.orders).where(eq(s.orders.id, refund.orderId)).for("update");
  if (!order) return false;
  const held = await holdingsOf(tx, order);
  let left = refund.amountFen;
  const entries: EntryDraft[] = [{ accountId: accounts.refundsPayable, amountFen: -refund.amountFen }];
  const takeFromLine = (line: LineHolding) => {
    const kept = [...line.current.values()].reduce((a, b) => a + b, 0);
    const take = Math.min(left, kept);
    if (take <= 0) return;
    const after = splitLine(kept - take, line.rates);
    const target = new Map<string, number>();
    const add = (acc: string | null, fen: number) => {
      if (acc) target.set(acc, (target.get(acc) ?? 0) + fen);
    };
    add(line.roles.streamer, after.streamer);
    add(line.roles.station, after.station);
    add(line.roles.platform, after.platform);
    add(line.roles.cooperative, after.cooperative);
    for (const acc of new Set([...line.current.keys(), ...target.keys()])) {
      const back = (line.current.get(acc) ?? 0) - (target.get(acc) ?? 0);
      if (back) entries.push({ accountId: acc, amountFen: back, orderLineId: line.lineId });
    }
    left -= take;
  };
  const named = refund.orderLineId ? held.lines.find((l) => l.lineId === refund.orderLineId) : undefined;
  if (named) takeFromLine(named);
  const fromFunds = Math.min(left, Math.max(held.funds, 0));
  if (fromFunds > 0) {
    entries.push({ accountId: accounts.buyerFunds, amountFen: fromFunds });
    left -= fromFunds;
  }
  for (const line of held.lines) if (left > 0 && line !== named) takeFromLine(line);
  if (left > 0) {
    // More back than the order ever brought in: the platform bears it, and someone must look.
    console.error(`[ledger] refund ${refund.id} exceeds what order ${order.id} holds by ${left} fen`);
    entries.push({ accountId: accounts.platformRevenue, amountFen: left });
  }
  return postJournal(tx, {
    key,
    kind: "refund",
    at,
    orderId: order.id,
    actorId: refund.requestedBy,
    memo: refund.reason,
    entries,
  });
}

async function postRefundPaid(tx: Tx, refund: RefundRow, at: Date): Promise<boolean> {
  let from: string = accounts.clearing;
  if (refund.method === "cash") {
    if (refund.stationId) from = accounts.stationCash(refund.stationId);
    else {
      const lines = await tx
        .select({ coopId: s.orderLines.coopId, status: s.orderLines.status })
        .from(s.orderLines)
        .where(eq(s.orderLines.orderId, refund.orderId))
        .orderBy(asc(s.orderLines.id));
      const coop = await deliveringCoop(tx, { id: refund.orderId }, lines);
      if (coop) from = accounts.coop(coop);
    }
  }
  return postJournal(tx, {
    key: `refund:${refund.id}:paid`,
    kind: "refund_paid",
    at,
    orderId: refund.orderId,
    actorId: refund.paidBy,
    entries: [
      { accountId: accounts.refundsPayable, amountFen: refund.amountFen },
      { accountId: from, amountFen: -refund.amountFen },
    ],
  });
}

/**
 * A refund row recorded twice (Stripe's event came before the app's own answer) is being merged into its twin: what
 * was posted for the duplicate is reversed exactly, once (`refund:<id>:void`).
 */
export async function voidRefundPostings(tx: Tx, refundId: string, at: Date): Promise<boolean> {
  const journals = await tx
    .select({ id: s.ledgerJournals.id, orderId: s.ledgerJournals.orderId })
    .from(s.ledgerJournals)
    .where(or(eq(s.ledgerJournals.key, `refund:${refundId}`), eq(s.ledgerJournals.key, `refund:${refundId}:paid`)));
  if (!journals.length) return false;
  const rows = await tx
    .select()
    .from(s.ledgerEntries)
    .where(
      inArray(
        s.ledgerEntries.journalId,
        journals.map((j) => j.id),
      ),
    );
  return postJournal(tx, {
    key: `refund:${refundId}:void`,
    kind: "refund_void",
    at,
    orderId: journals[0]!.orderId,
    memo: "duplicate refund record merged",
    entries: rows.map((e) => ({
      accountId: e.accountId,
      amountFen: -e.amountFen,
      orderId: e.orderId,
      orderLineId: e.orderLineId,
    })),
  });
}

/** What an order holds now: money not yet earned, and each earned line's shares by account. */
async function holdingsOf(tx: Tx, order: typeof s.orders.$inferSelect) {
  const rows = await tx
    .select({
      lineId: s.ledgerEntries.orderLineId,
      accountId: s.ledgerEntries.accountId,
      fen: s.ledgerEntries.amountFen,
    })
    .from(s.ledgerEntries)
    .where(eq(s.ledgerEntries.orderId, order.id));
  const funds = -rows.filter((r) => r.accountId === accounts.buyerFunds).reduce((a, r) => a + r.fen, 0);
  const current = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!r.lineId || notShares.has(r.accountId)) continue;
    const m = current.get(r.lineId) ?? new Map<string, number>();
    m.set(r.accountId, (m.get(r.accountId) ?? 0) - r.fen);
    current.set(r.lineId, m);
  }
  const lines = await tx
    .select()
    .from(s.orderLines)
    .where(eq(s.orderLines.orderId, order.id))
    .orderBy(asc(s.orderLines.id));
  const out: LineHolding[] = [];
  for (const line of lines) {
    const held = current.get(line.id);
    if (!held) continue;
    out.push({
      lineId: line.id,
      current: held,
      rates: lineRates(line, order),
      roles: {
        streamer: line.streamerId ? accounts.streamer(line.streamerId) : null,
        station: order.stationId ? accounts.station(order.stationId) : null,
        platform: accounts.platformRevenue,
        cooperative: accounts.coop(line.coopId),
      },
    });
  }
  const fee = current.get(deliveryLineId(order.id));
  if (fee) {
    const [coop] = [...fee.keys()];
    out.push({
      lineId: deliveryLineId(order.id),
      current: fee,
      rates: { streamerBps: 0, stationBps: 0, platformBps: 0 },
      roles: { streamer: null, station: null, platform: accounts.platformRevenue, cooperative: coop! },
    });
  }
  return { funds, lines: out };
}

/** Posts what is due for every refund of an order (called wherever refunds of it change state). */
export async function postOrderRefunds(tx: Tx, orderId: string, at: Date): Promise<number> {
  const rows = await tx
    .select({ id: s.refunds.id })
    .from(s.refunds)
    .where(eq(s.refunds.orderId, orderId))
    .orderBy(asc(s.refunds.createdAt), asc(s.refunds.id));
  let posted = 0;
  for (const r of rows) posted += await postRefund(tx, r.id, at);
  return posted;
}
