import { and, count, eq, inArray } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Viewer } from "../auth/contract";
import { setClockForTests } from "../core/clock";
import { isAppError } from "../core/errors";
import * as s from "../db/schema";
import { createCoop, createProduct, createStation, createUser } from "../db/seed/factories";
import { setupTestDb, testDriver } from "../db/test-db";
import { stockInvariantViolations } from "../inventory/invariant";
import { getMyOrder, listCoopOrders } from "../orders";
import { actOnCoopLines, cancelMyOrder } from "../../tests/support/forms/orders";
import { createViewer, idemKey } from "../../tests/support/viewers";
import { createTeamDeal, joinTeam, openTeam } from "../../tests/support/forms/group-buys";
import { endTeamDeal, getCoopTeamDeal, listCoopTeamDeals } from "./team-deals";
import { expireTeams } from "./team-lifecycle";
import { getTeamView, listProductTeamDeals, usualPickupStation } from "./team-queries";

// On PostgreSQL the racing joins below really race (pool of 20); PGlite runs them one at a time.
const t = setupTestDb({ poolSize: 20 });
afterEach(() => setClockForTests(null));

const OPEN = new Date("2026-11-28T02:00:00Z"); // 10:00 in Shanghai, inside the deal's window below
const HOUR = 3_600_000;

async function world(patch: Record<string, unknown> = {}) {
  const coop = await createCoop(t.db);
  const stationA = await createStation(t.db);
  const stationB = await createStation(t.db);
  const { product, variants } = await createProduct(t.db, {
    coopId: coop.id,
    nameZh: "湖墩大米",
    variants: [{ priceFen: 6980, stock: 100 }],
  });
  const member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coop.id }] });
  const base = {
    variantId: variants[0]!.id,
    teamPrice: "59.90",
    teamSize: "3",
    formingHours: "24",
    stockCap: "30",
    activeFrom: "2026-11-28T08:00",
    activeTo: "2026-12-05T20:00",
    ...patch,
  };
  setClockForTests(OPEN);
  const { id: dealId } = await createTeamDeal(member, base);
  return { coop, stationA, stationB, product, variant: variants[0]!, member, base, dealId };
}

/** Fast buyers (no password hashing per person) for the races. */
async function buyers(n: number, name = "李四"): Promise<Viewer[]> {
  const out: Viewer[] = [];
  for (let i = 0; i < n; i++) {
    const u = await createUser(t.db, { name });
    out.push({
      userId: u.id,
      sessionId: "ses",
      name: u.name,
      email: u.email,
      phone: null,
      caps: { admin: false, streamer: false, coopIds: [], stationIds: [] },
    });
  }
  return out;
}

const answer = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (isAppError(e) ? e.code : `unexpected: ${String(e)}`),
  );
const fieldsOf = (err: unknown): string[] =>
  err instanceof z.ZodError
    ? err.issues.map((i) => String(i.path[0]))
    : isAppError(err)
      ? Object.keys(err.fields ?? {})
      : [`not a validation error: ${String(err)}`];
const deals = async () => (await t.db.select({ n: count() }).from(s.teamDeals))[0]!.n;
const stockOf = async (id: string) => (await t.db.select().from(s.variants).where(eq(s.variants.id, id)))[0]!.stock;
const dealRow = async (id: string) => (await t.db.select().from(s.teamDeals).where(eq(s.teamDeals.id, id)))[0]!;
const teamRow = async (id: string) => (await t.db.select().from(s.teams).where(eq(s.teams.id, id)))[0]!;
const membersOf = async (teamId: string) => t.db.select().from(s.teamMembers).where(eq(s.teamMembers.teamId, teamId));
const ordersOf = async (teamId: string) =>
  t.db
    .select({ order: s.orders })
    .from(s.teamMembers)
    .innerJoin(s.orders, eq(s.orders.id, s.teamMembers.orderId))
    .where(eq(s.teamMembers.teamId, teamId))
    .then((r) => r.map((x) => x.order));

describe("team deal creation", () => {
  it.each([
    ["team of 1", { teamSize: "1" }, "teamSize"],
    ["team of 51", { teamSize: "51" }, "teamSize"],
    ["team price equal to the normal price", { teamPrice: "69.80" }, "teamPrice"],
    ["team price above the normal price", { teamPrice: "80" }, "teamPrice"],
    ["forming time of 73 h", { formingHours: "73" }, "formingHours"],
    ["forming time beyond a card authorisation", { formingHours: "160" }, "formingHours"],
    ["cap 0", { stockCap: "0" }, "stockCap"],
    ["negative cap", { stockCap: "-3" }, "stockCap"],
    ["active to before active from", { activeTo: "2026-11-28T07:00" }, "activeTo"],
  ])("%s → a field error on %s, nothing written", async (_, patch, field) => {
    const w = await world();
    const before = await deals();
    const err = await createTeamDeal(w.member, { ...w.base, ...patch }).catch((e: unknown) => e);
    expect(fieldsOf(err)).toContain(field);
    expect(await deals()).toBe(before);
  });

  it("a deal whose forming time runs past the authorisation's validity is refused with its own reason", async () => {
    const w = await world();
    const err = await createTeamDeal(w.member, { ...w.base, formingHours: "150" }).catch((e: unknown) => e);
    expect((err as z.ZodError).issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(["forming_too_long", "past_authorisation"]),
    );
  });

  it("defaults to 24 h; a cooperative edits only its own deals (others → 404)", async () => {
    const w = await world({ formingHours: "" });
    expect((await dealRow(w.dealId)).formingMinutes).toBe(24 * 60);
    const stranger = await createViewer(t.db, {
      memberships: [{ kind: "coop", scopeId: (await createCoop(t.db)).id }],
    });
    await expect(createTeamDeal(stranger, w.base)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(endTeamDeal(stranger, w.dealId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getCoopTeamDeal(stranger, w.dealId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listCoopTeamDeals(stranger, w.coop.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const buyer = await createViewer(t.db);
    await expect(endTeamDeal(buyer, w.dealId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await dealRow(w.dealId)).status).toBe("active");
    await endTeamDeal(w.member, w.dealId);
    expect((await dealRow(w.dealId)).status).toBe("ended");
  });
});

describe("opening and joining", () => {
  it("a team of 3 completes with its 3rd member: every order confirmed at the team price into its station's batch", async () => {
    const w = await world();
    const [a, b, c] = await buyers(3, "张小禾");
    const opened = await openTeam(a!, { dealId: w.dealId, stationId: w.stationA.id, idempotencyKey: idemKey() });
    expect(opened).toMatchObject({ needsPayment: false, completed: false, created: true });
    await joinTeam(b!, { teamId: opened.teamId, stationId: w.stationB.id, quantity: "2", idempotencyKey: idemKey() });
    const forming = await getTeamView(null, opened.teamId);
    expect(forming).toMatchObject({ status: "forming", size: 3, seats: 2, missing: 1 });
    // Forming orders wait: no batch, no pickup code, and neither the buyer nor the cooperative can act on them.
    const waiting = await ordersOf(opened.teamId);
    expect(waiting.every((o) => o.status === "placed" && o.deliveryDay === null && o.pickupCode === null)).toBe(true);
    await expect(cancelMyOrder(a!, { number: opened.orderNumber })).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await getMyOrder(a!, opened.orderNumber)).toMatchObject({
      teamId: opened.teamId,
      canCancel: false,
      status: "placed",
      pickupCode: null,
    });
    expect((await listCoopOrders(w.member, w.coop.id)).find((o) => o.number === opened.orderNumber)).toMatchObject({
      teamForming: true,
    });
    await expect(
      actOnCoopLines(w.member, { number: opened.orderNumber, coopId: w.coop.id, action: "confirm" }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });

    const last = await joinTeam(c!, { teamId: opened.teamId, stationId: w.stationA.id, idempotencyKey: idemKey() });
    expect(last.completed).toBe(true);
    expect(await teamRow(opened.teamId)).toMatchObject({ status: "completed", seats: 3 });
    const orders = await ordersOf(opened.teamId);
    expect(orders.map((o) => o.status)).toEqual(["confirmed", "confirmed", "confirmed"]);
    expect((await listCoopOrders(w.member, w.coop.id)).find((o) => o.number === opened.orderNumber)).toMatchObject({
      teamForming: false,
      status: "confirmed",
    });
    expect(orders.map((o) => o.subtotalFen).sort((x, y) => x - y)).toEqual([5990, 5990, 11980]);
    expect(orders.every((o) => o.channel === "team" && o.pickupCode && o.deliveryDay)).toBe(true);
    const lines = await t.db
      .select()
      .from(s.orderLines)
      .where(
        inArray(
          s.orderLines.orderId,
          orders.map((o) => o.id),
        ),
      );
    expect(lines.every((l) => l.unitPriceFen === 5990 && l.status === "confirmed" && l.batchId)).toBe(true);
    const batches = await t.db
      .select()
      .from(s.batches)
      .where(
        inArray(
          s.batches.id,
          lines.map((l) => l.batchId!),
        ),
      );
    expect(new Set(batches.map((x) => x.stationId))).toEqual(new Set([w.stationA.id, w.stationB.id]));
    const notes = await t.db.select().from(s.notifications).where(eq(s.notifications.kind, "team_completed"));
    expect(notes.filter((n) => [a, b, c].some((v) => v!.userId === n.userId))).toHaveLength(3);
    expect(await stockOf(w.variant.id)).toBe(96);
    expect((await dealRow(w.dealId)).committed).toBe(4);
    const [mine] = (await listCoopTeamDeals(w.member, w.coop.id)).filter((d) => d.id === w.dealId);
    expect(mine).toMatchObject({
      teams: { forming: 0, completed: 1, failed: 0 },
      conversion: 1,
      unitsCommitted: 4,
      members: 3,
    });
    expect(await stockInvariantViolations(t.db)).toEqual([]);

    // After completion a member may still cancel before dispatch: stock and the deal's cap come back, once.
    const bOrder = orders.find((o) => o.subtotalFen === 11980)!;
    await cancelMyOrder(b!, { number: bOrder.number });
    await expect(cancelMyOrder(b!, { number: bOrder.number })).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await stockOf(w.variant.id)).toBe(98);
    expect((await dealRow(w.dealId)).committed).toBe(2);
    expect((await membersOf(opened.teamId)).find((m) => m.userId === b!.userId)).toMatchObject({ status: "dropped" });
    expect(await teamRow(opened.teamId)).toMatchObject({ status: "completed" });
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("refuses joining twice, a full or expired team, the wrong station of a station team, and more teams than allowed", async () => {
    const w = await world({ teamSize: "2", sameStationOnly: "on" });
    const [a, b, c] = await buyers(3);
    const team = await openTeam(a!, { dealId: w.dealId, stationId: w.stationA.id, idempotencyKey: idemKey() });
    expect(
      await answer(joinTeam(a!, { teamId: team.teamId, stationId: w.stationA.id, idempotencyKey: idemKey() })),
    ).toBe("CONFLICT");
    expect(await answer(openTeam(a!, { dealId: w.dealId, stationId: w.stationA.id, idempotencyKey: idemKey() }))).toBe(
      "TEAM_LIMIT",
    );
    expect(
      await answer(joinTeam(b!, { teamId: team.teamId, stationId: w.stationB.id, idempotencyKey: idemKey() })),
    ).toBe("VALIDATION");
    expect(
      await answer(joinTeam(b!, { teamId: team.teamId, stationId: w.stationA.id, idempotencyKey: idemKey() })),
    ).toBe("ok");
    expect(
      await answer(joinTeam(c!, { teamId: team.teamId, stationId: w.stationA.id, idempotencyKey: idemKey() })),
    ).toBe("TEAM_CLOSED");
    // Once the first team completed, its opener may open another; an expired one takes nobody.
    const second = await openTeam(a!, { dealId: w.dealId, stationId: w.stationA.id, idempotencyKey: idemKey() });
    setClockForTests(new Date(OPEN.getTime() + 25 * HOUR));
    const late = await joinTeam(c!, {
      teamId: second.teamId,
      stationId: w.stationA.id,
      idempotencyKey: idemKey(),
    }).catch((e: unknown) => e);
    expect(late).toMatchObject({ code: "TEAM_CLOSED", params: { reason: "expired" } });
    expect((await membersOf(second.teamId)).length).toBe(1);
  });

  it("the same idempotency key answers with the same entry; a deal outside its window opens no team", async () => {
    const w = await world();
    const [a] = await buyers(1);
    const key = idemKey();
    const one = await openTeam(a!, { dealId: w.dealId, stationId: w.stationA.id, idempotencyKey: key });
    const two = await openTeam(a!, { dealId: w.dealId, stationId: w.stationA.id, idempotencyKey: key });
    expect(two).toMatchObject({ teamId: one.teamId, orderNumber: one.orderNumber, created: false });
    setClockForTests(new Date("2026-11-27T00:00:00Z"));
    const [b] = await buyers(1);
    expect(await answer(openTeam(b!, { dealId: w.dealId, stationId: w.stationA.id, idempotencyKey: idemKey() }))).toBe(
      "NOT_OPEN",
    );
  });

  it("the deal's cap is never exceeded", async () => {
    const w = await world({ teamSize: "2", stockCap: "3" });
    const [a, b, c] = await buyers(3);
    const team = await openTeam(a!, {
      dealId: w.dealId,
      stationId: w.stationA.id,
      quantity: 2,
      idempotencyKey: idemKey(),
    });
    expect(
      await answer(
        joinTeam(b!, { teamId: team.teamId, stationId: w.stationA.id, quantity: 2, idempotencyKey: idemKey() }),
      ),
    ).toBe("SOLD_OUT");
    expect(
      await answer(
        joinTeam(c!, { teamId: team.teamId, stationId: w.stationA.id, quantity: 1, idempotencyKey: idemKey() }),
      ),
    ).toBe("ok");
    expect((await dealRow(w.dealId)).committed).toBe(3);
  });
});

describe("racing", () => {
  it(`50 buyers race for the 4 open seats of a team of 5: exactly 5 members, every other buyer told, completed once (${testDriver()})`, async () => {
    const w = await world({ teamSize: "5", stockCap: "60" });
    const [leader] = await buyers(1);
    const team = await openTeam(leader!, { dealId: w.dealId, stationId: w.stationA.id, idempotencyKey: idemKey() });
    const racers = await buyers(50);
    const results = await Promise.all(
      racers.map((b) =>
        answer(joinTeam(b, { teamId: team.teamId, stationId: w.stationA.id, idempotencyKey: idemKey() })),
      ),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(4);
    expect(results.filter((r) => r === "TEAM_CLOSED")).toHaveLength(46);
    expect(await teamRow(team.teamId)).toMatchObject({ status: "completed", seats: 5 });
    expect(await membersOf(team.teamId)).toHaveLength(5);
    const orders = await ordersOf(team.teamId);
    expect(orders.map((o) => o.status)).toEqual(Array(5).fill("confirmed"));
    const confirmations = await t.db
      .select({ n: count() })
      .from(s.orderEvents)
      .where(
        and(
          inArray(
            s.orderEvents.orderId,
            orders.map((o) => o.id),
          ),
          eq(s.orderEvents.toStatus, "confirmed"),
          eq(s.orderEvents.fromStatus, "placed"),
        ),
      );
    expect(confirmations[0]!.n).toBe(10); // each order once, each of its lines once
    expect(await stockOf(w.variant.id)).toBe(95);
    expect((await dealRow(w.dealId)).committed).toBe(5);
    expect(
      await t.db
        .select()
        .from(s.orders)
        .where(eq(s.orders.channel, "team"))
        .then((r) => r.filter((o) => o.status !== "cancelled" && racers.some((b) => b.userId === o.buyerId)).length),
    ).toBe(4);
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("one buyer opening teams of a deal at once gets only as many as the deal allows", async () => {
    const w = await world({ maxOpenTeamsPerBuyer: "2" });
    const [buyer] = await buyers(1);
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        answer(openTeam(buyer!, { dealId: w.dealId, stationId: w.stationA.id, idempotencyKey: idemKey() })),
      ),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(2);
    expect(results.filter((r) => r === "TEAM_LIMIT")).toHaveLength(4);
    expect(
      await t.db
        .select({ n: count() })
        .from(s.teams)
        .where(eq(s.teams.dealId, w.dealId))
        .then((r) => r[0]!.n),
    ).toBe(2);
    expect(await stockOf(w.variant.id)).toBe(98);
  });

  it("the same buyer joining twice at once is in the team once", async () => {
    const w = await world();
    const [leader, buyer] = await buyers(2);
    const team = await openTeam(leader!, { dealId: w.dealId, stationId: w.stationA.id, idempotencyKey: idemKey() });
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        answer(joinTeam(buyer!, { teamId: team.teamId, stationId: w.stationA.id, idempotencyKey: idemKey() })),
      ),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "CONFLICT")).toHaveLength(5);
    expect((await membersOf(team.teamId)).filter((m) => m.userId === buyer!.userId)).toHaveLength(1);
    expect(await teamRow(team.teamId)).toMatchObject({ seats: 2, status: "forming" });
    expect(await stockOf(w.variant.id)).toBe(98);
  });
});

describe("expiry", () => {
  it("2 of 3 at the deadline: the sweep fails the team once, cancels both orders, returns stock and cap, tells both", async () => {
    const w = await world();
    const [a, b] = await buyers(2);
    const team = await openTeam(a!, { dealId: w.dealId, stationId: w.stationA.id, idempotencyKey: idemKey() });
    await joinTeam(b!, { teamId: team.teamId, stationId: w.stationA.id, quantity: 3, idempotencyKey: idemKey() });
    expect(await stockOf(w.variant.id)).toBe(96);
    const late = new Date(OPEN.getTime() + 24 * HOUR + 1000);
    setClockForTests(late);
    // Two sweeps at once (two instances), then one more: the team fails once.
    const [due] = await t.db.select({ n: count() }).from(s.teams).where(eq(s.teams.status, "forming"));
    const runs = await Promise.all([
      t.db.transaction((tx) => expireTeams(tx, late)),
      t.db.transaction((tx) => expireTeams(tx, late)),
    ]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(due!.n); // every due team (this file's others too), each once
    expect(await t.db.transaction((tx) => expireTeams(tx, late))).toBe(0);
    expect(await teamRow(team.teamId)).toMatchObject({ status: "failed" });
    const orders = await ordersOf(team.teamId);
    expect(orders.map((o) => [o.status, o.cancelReason])).toEqual([
      ["cancelled", "team_failed"],
      ["cancelled", "team_failed"],
    ]);
    expect(await stockOf(w.variant.id)).toBe(100);
    expect((await dealRow(w.dealId)).committed).toBe(0);
    const returns = await t.db
      .select()
      .from(s.inventoryMovements)
      .where(and(eq(s.inventoryMovements.variantId, w.variant.id), eq(s.inventoryMovements.reason, "cancel")));
    expect(returns.map((m) => m.delta).sort()).toEqual([1, 3]);
    const notes = await t.db.select().from(s.notifications).where(eq(s.notifications.kind, "team_failed"));
    expect(notes.filter((n) => n.userId === a!.userId || n.userId === b!.userId)).toHaveLength(2);
    expect(await stockInvariantViolations(t.db)).toEqual([]);
    const [mine] = (await listCoopTeamDeals(w.member, w.coop.id)).filter((d) => d.id === w.dealId);
    expect(mine).toMatchObject({ teams: { forming: 0, completed: 0, failed: 1 }, conversion: 0, unitsCommitted: 0 });
  });
});

describe("what others see", () => {
  it("members are masked for everyone; only the viewer's own order is theirs to see", async () => {
    const w = await world({ sameStationOnly: "on" });
    const [a] = await buyers(1, "张小禾");
    const [b] = await buyers(1, "Anna Lee");
    const team = await openTeam(a!, { dealId: w.dealId, stationId: w.stationA.id, idempotencyKey: idemKey() });
    await joinTeam(b!, { teamId: team.teamId, stationId: w.stationA.id, idempotencyKey: idemKey() });
    const [stranger] = await buyers(1);
    const seen = await getTeamView(stranger!, team.teamId);
    expect(seen!.members.map((m) => [m.maskedName, m.initial, m.leader])).toEqual([
      ["张**", "张", true],
      ["A***", "A", false],
    ]);
    expect(seen!.mine).toBeNull();
    const text = JSON.stringify(seen);
    for (const secret of ["张小禾", "Anna Lee", a!.userId, b!.userId, team.orderNumber])
      expect(text).not.toContain(secret);
    const own = await getTeamView(a!, team.teamId);
    expect(own!.mine).toMatchObject({ orderNumber: team.orderNumber, status: "joined" });
    expect(own!.members.find((m) => m.you)?.leader).toBe(true);
    // Teams at the buyer's usual station come first ("near you").
    const [c] = await buyers(1, "王五");
    const other = await openTeam(c!, { dealId: w.dealId, stationId: w.stationB.id, idempotencyKey: idemKey() });
    expect(await usualPickupStation(c!)).toMatchObject({ id: w.stationB.id });
    expect((await listProductTeamDeals(w.product.id, { stationId: w.stationB.id }))[0]!.teams.map((x) => x.id)).toEqual(
      [other.teamId, team.teamId],
    );
    const [listed] = await listProductTeamDeals(w.product.id, { stationId: w.stationA.id });
    expect(listed!.teams[0]).toEqual(
      expect.objectContaining({
        id: team.teamId,
        missing: 1,
        station: expect.objectContaining({ id: w.stationA.id }),
        leader: expect.objectContaining({ maskedName: "张**" }),
      }),
    );
    expect(JSON.stringify(listed)).not.toContain("张小禾");
  });
});
