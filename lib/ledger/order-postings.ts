import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { schema as s, type Tx } from "../db";
import { accounts } from "./accounts";
import type { LineRates } from "./contract";
import { postJournal, type EntryDraft } from "./post";
import { splitLine } from "./split";

type OrderRow = typeof s.orders.$inferSelect;
type LineRow = typeof s.orderLines.$inferSelect;

/** The pseudo-line a home delivery fee is earned and refunded under (it carries no commissions). */
export const deliveryLineId = (orderId: string) => `${orderId}:delivery`;

/** What the buyer owes for an order at handover: the lines not cancelled, and the delivery fee while any remain. */
export function amountDueFen(lines: readonly { status: string; lineTotalFen: number }[], deliveryFeeFen: number) {
  const live = lines.filter((l) => l.status !== "cancelled");
  return live.reduce((a, l) => a + l.lineTotalFen, 0) + (live.length ? deliveryFeeFen : 0);
}

/** The rates a line was sold at, as the ledger applies them. */
export function lineRates(line: LineRow, order: Pick<OrderRow, "stationId">): LineRates {
  return {
    streamerBps: line.streamerId ? (line.commissionBps ?? 0) : 0,
    stationBps: order.stationId ? line.stationCommissionBps : 0,
    platformBps: line.platformFeeBps,
  };
}

/** An online payment reached the platform's Stripe balance: it is held for the buyer until the goods are handed over. */
export async function postPaymentCaptured(tx: Tx, paymentId: string, at: Date): Promise<boolean> {
  const [p] = await tx.select().from(s.payments).where(eq(s.payments.id, paymentId));
  if (!p || p.status !== "paid" || p.amountFen <= 0) return false;
  return postJournal(tx, {
    key: `payment:${p.id}:captured`,
    kind: "capture",
    at,
    orderId: p.orderId,
    entries: [
      { accountId: accounts.clearing, amountFen: p.amountFen },
      { accountId: accounts.buyerFunds, amountFen: -p.amountFen },
    ],
  });
}

/**
 * An order was handed over at its station or delivered: the cash taken at the counter (or at the door), then each
 * line's money shared out (`order_line:<id>:earned`), and the delivery fee to the cooperative that delivered it.
 * Posts nothing for an order that is not completed; posting again posts nothing twice.
 */
export async function postOrderFulfilled(tx: Tx, orderId: string, at: Date): Promise<number> {
  const [order] = await tx.select().from(s.orders).where(eq(s.orders.id, orderId));
  if (!order || order.status !== "completed") return 0;
  const lines = await tx
    .select()
    .from(s.orderLines)
    .where(eq(s.orderLines.orderId, order.id))
    .orderBy(asc(s.orderLines.id));
  const live = lines.filter((l) => l.status !== "cancelled");
  if (!live.length) return 0;
  const due = amountDueFen(lines, order.deliveryFeeFen);
  const deliverer = order.fulfillment === "delivery" ? await deliveringCoop(tx, order, live) : null;
  let posted = 0;
  const cashAccount =
    order.paymentMethod === "pay_at_pickup" && order.stationId
      ? accounts.stationCash(order.stationId)
      : order.paymentMethod === "cash_on_delivery" && deliverer
        ? // The delivering cooperative keeps the cash: it counts against what the platform owes it.
          accounts.coop(deliverer)
        : null;
  if (cashAccount && due > 0) {
    const cash = await postJournal(tx, {
      key: `order:${order.id}:cash`,
      kind: "cash",
      at,
      orderId: order.id,
      entries: [
        { accountId: cashAccount, amountFen: due },
        { accountId: accounts.buyerFunds, amountFen: -due },
      ],
    });
    if (cash) posted++;
  }
  for (const line of live) if (await postLineEarned(tx, order, line, at)) posted++;
  const fee = order.deliveryFeeFen;
  if (fee > 0 && deliverer) {
    const lineId = deliveryLineId(order.id);
    const feePosted = await postJournal(tx, {
      key: `order:${order.id}:delivery_fee:earned`,
      kind: "delivery_fee",
      at,
      orderId: order.id,
      entries: [
        { accountId: accounts.buyerFunds, amountFen: fee, orderLineId: lineId },
        { accountId: accounts.coop(deliverer), amountFen: -fee, orderLineId: lineId },
      ],
    });
    if (feePosted) posted++;
  }
  return posted;
}

async function postLineEarned(tx: Tx, order: OrderRow, line: LineRow, at: Date): Promise<boolean> {
  const shares = splitLine(line.lineTotalFen, lineRates(line, order));
  const credit = (accountId: string, fen: number): EntryDraft => ({
    accountId,
    amountFen: -fen,
    orderLineId: line.id,
  });
  return postJournal(tx, {
    key: `order_line:${line.id}:earned`,
    kind: "earned",
    at,
    orderId: order.id,
    entries: [
      { accountId: accounts.buyerFunds, amountFen: line.lineTotalFen, orderLineId: line.id },
      ...(line.streamerId ? [credit(accounts.streamer(line.streamerId), shares.streamer)] : []),
      ...(order.stationId ? [credit(accounts.station(order.stationId), shares.station)] : []),
      credit(accounts.platformRevenue, shares.platform),
      credit(accounts.coop(line.coopId), shares.cooperative),
    ],
  });
}

/** The cooperative that delivered a home-delivery order: named on its completion event, else its first line's. */
export async function deliveringCoop(
  tx: Tx,
  order: Pick<OrderRow, "id">,
  lines: readonly Pick<LineRow, "coopId" | "status">[],
): Promise<string | null> {
  const [done] = await tx
    .select({ coopId: s.orderEvents.coopId })
    .from(s.orderEvents)
    .where(and(eq(s.orderEvents.orderId, order.id), eq(s.orderEvents.toStatus, "completed")))
    .limit(1);
  return done?.coopId ?? lines.find((l) => l.status !== "cancelled")?.coopId ?? lines[0]?.coopId ?? null;
}
