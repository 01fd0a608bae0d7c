import { eq, inArray, sql } from "drizzle-orm";
import { advanceClock, now, setClockForTests } from "../../lib/core/clock";
import * as s from "../../lib/db/schema";
import { createAgreement, createCoop, createProduct, createStation } from "../../lib/db/seed/factories";
import { rowsOf, type Db } from "../../lib/db/types";
import { lockDueBatches } from "../../lib/orders/batches";
import { buyDrop, createSession, goLive, openDrop, setBag } from "./forms/live";
import { actOnCoopLines, checkout, dispatchBatch, receiveBatch, redeemPickupCode } from "./forms/orders";
import { createViewer, idemKey } from "./viewers";

/**
 * Who takes part in a sale, for the ledger's tests: a cooperative (3 % platform fee) with 湖墩大米 10kg at ¥128 and
 * 菜籽油 5L at ¥138, a station whose 团长 takes 5 %, a streamer who carries the cooperative at 10 %, a buyer, the
 * cooperative's owner, the station's manager and an admin.
 */
export async function moneyWorld(db: Db) {
  const coop = await createCoop(db, { platformFeeBps: 300 });
  const station = await createStation(db, { commissionBps: 500 });
  const rice = await createProduct(db, {
    coopId: coop.id,
    nameZh: "湖墩大米",
    variants: [{ priceFen: 12800, stock: 1000 }],
  });
  const oil = await createProduct(db, {
    coopId: coop.id,
    nameZh: "菜籽油",
    variants: [{ priceFen: 13800, stock: 1000 }],
  });
  const buyer = await createViewer(db, { name: "张小禾" });
  const member = await createViewer(db, { memberships: [{ kind: "coop", scopeId: coop.id }] });
  await db.execute(sql`update memberships set role = 'owner' where user_id = ${member.userId} and kind = 'coop'`);
  const manager = await createViewer(db, { memberships: [{ kind: "station", scopeId: station.id }] });
  const admin = await createViewer(db, { memberships: [{ kind: "admin" }] });
  const streamer = await createViewer(db, { name: "小柳", memberships: [{ kind: "streamer" }] });
  const riceVariant = rice.variants[0]!.id;
  const oilVariant = oil.variants[0]!.id;

  /** A pay-at-pickup (or online, paid by the caller) order at the station. */
  const shopOrder = async (
    lines: { variantId: string; quantity: number }[],
    opts: { paymentMethod?: "pay_at_pickup" | "online"; who?: typeof buyer } = {},
  ) =>
    (
      await checkout(opts.who ?? buyer, {
        idempotencyKey: idemKey(),
        lines: JSON.stringify(lines),
        fulfillment: "pickup",
        stationId: station.id,
        paymentMethod: opts.paymentMethod ?? "pay_at_pickup",
      })
    ).number;

  /** A home-delivery order paid in cash at the door. */
  const deliveryOrder = async (lines: { variantId: string; quantity: number }[]) =>
    (
      await checkout(buyer, {
        idempotencyKey: idemKey(),
        lines: JSON.stringify(lines),
        fulfillment: "delivery",
        paymentMethod: "cash_on_delivery",
        recipient: "张小禾",
        phone: "13800000001",
        region: "浙江省嘉兴市嘉善县",
        line: "惠民街道大柳村 8 号",
      })
    ).number;

  /** Carries pickup orders through their batches' cutoff, dispatch and receipt (as far as each still has to go). */
  const toStation = async (numbers: string[]) => {
    const batches = await rowsOf<{ batch_id: string; locks_at: Date | string }>(
      db.execute(sql`select distinct l.batch_id, b.locks_at from orders o join order_lines l on l.order_id = o.id
        join batches b on b.id = l.batch_id where o.number in ${numbers} and l.status <> 'cancelled'`),
    );
    const back = now();
    for (const b of batches) {
      const at = new Date(b.locks_at);
      if (at > now()) setClockForTests(at);
      await db.transaction((tx) => lockDueBatches(tx, now()));
      const status = async () =>
        (await db.select({ status: s.batches.status }).from(s.batches).where(eq(s.batches.id, b.batch_id)))[0]!.status;
      if ((await status()) === "locked") await dispatchBatch(member, { batchId: b.batch_id });
      if ((await status()) === "dispatched") await receiveBatch(manager, { batchId: b.batch_id });
    }
    if (now() > back) setClockForTests(back);
  };

  const codeOf = async (number: string) =>
    (await db.select({ code: s.orders.pickupCode }).from(s.orders).where(eq(s.orders.number, number)))[0]!.code!;

  const handOver = async (number: string) =>
    redeemPickupCode(manager, { stationId: station.id, code: await codeOf(number), number });

  const deliver = async (number: string) => {
    for (const action of ["confirm", "dispatch", "out_for_delivery", "delivered"] as const)
      await actOnCoopLines(member, { number, coopId: coop.id, action });
  };

  /** A live session with the rice carried at 10 % and in the bag, live now. */
  const goLiveWithRice = async () => {
    await createAgreement(db, {
      streamerId: streamer.userId,
      coopId: coop.id,
      startsAt: new Date(now().getTime() - 86_400_000),
      endsAt: new Date(now().getTime() + 60 * 86_400_000),
      productIds: [rice.product.id, oil.product.id],
      rateBps: 1000,
    });
    const day = new Date(now().getTime() + 8 * 3_600_000 + 3_600_000).toISOString().slice(0, 16);
    const { id: sessionId } = await createSession(streamer, {
      title: "湖墩新米直播",
      scheduledAt: day,
      coopIds: [coop.id],
    });
    await setBag(streamer, { sessionId, productIds: [rice.product.id, oil.product.id] });
    await goLive(streamer, { sessionId });
    return sessionId;
  };

  /** A drop of the rice at `price` (yuan) in a live session; the buyer takes `quantity`, paying at pickup. */
  const dropSale = async (sessionId: string, price = "128", quantity = 1, who = buyer) => {
    const { dropId } = await openDrop(streamer, {
      sessionId,
      variantId: riceVariant,
      price,
      quantityCap: 100,
      perBuyerLimit: 5,
      durationSeconds: 600,
    });
    const order = await buyDrop(who, { dropId, quantity, idempotencyKey: idemKey(), stationId: station.id });
    const [row] = await db.select({ number: s.orders.number }).from(s.orders).where(eq(s.orders.id, order.id));
    return row!.number;
  };

  const orderOf = async (number: string) => (await db.select().from(s.orders).where(eq(s.orders.number, number)))[0]!;
  const linesOf = async (number: string) =>
    db
      .select()
      .from(s.orderLines)
      .where(
        inArray(s.orderLines.orderId, db.select({ id: s.orders.id }).from(s.orders).where(eq(s.orders.number, number))),
      )
      .orderBy(s.orderLines.id);

  return {
    coop,
    station,
    rice,
    oil,
    riceVariant,
    oilVariant,
    buyer,
    member,
    manager,
    admin,
    streamer,
    shopOrder,
    deliveryOrder,
    toStation,
    handOver,
    deliver,
    goLiveWithRice,
    dropSale,
    orderOf,
    linesOf,
    tick: (ms = 1000) => advanceClock(ms),
  };
}
export type MoneyWorld = Awaited<ReturnType<typeof moneyWorld>>;
