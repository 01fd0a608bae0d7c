import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { createAgreement, createCoop, createProduct } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { createViewer } from "../../tests/support/viewers";
import {
  acceptAgreement,
  counterAgreement,
  endAgreement,
  proposeAgreement,
  rejectAgreement,
  withdrawAgreement,
} from "../../tests/support/forms/agreements";
import { proposeAgreement as proposeTyped } from "./propose-agreement";
import { percentToBps, proposeAgreementInput, ratePercent } from "./contract";
import { getAgreement, listAgreements } from "./queries";

const t = setupTestDb();
// 2026-12-10 10:00 in Shanghai.
const NOW = new Date("2026-12-10T02:00:00Z");
beforeEach(() => setClockForTests(NOW));
afterEach(() => setClockForTests(null));

async function world() {
  const coop = await createCoop(t.db, { nameZh: "大柳村丰产粮油合作社" });
  const rice = await createProduct(t.db, { coopId: coop.id, nameZh: "湖墩大米" });
  const oil = await createProduct(t.db, { coopId: coop.id, nameZh: "菜籽油" });
  const streamer = await createViewer(t.db, { name: "小柳", memberships: [{ kind: "streamer" }] });
  const member = await createViewer(t.db, { name: "富志刚", memberships: [{ kind: "coop", scopeId: coop.id }] });
  return { coop, rice, oil, streamer, member };
}

const terms = { rate: "10", startsOn: "2026-12-10", endsOn: "2026-12-31" };
const events = (agreementId: string) =>
  t.db
    .select()
    .from(s.carryingAgreementEvents)
    .where(eq(s.carryingAgreementEvents.agreementId, agreementId))
    .orderBy(s.carryingAgreementEvents.id);
const notes = (userId: string) =>
  t.db
    .select({ kind: s.notifications.kind, params: s.notifications.params, link: s.notifications.link })
    .from(s.notifications)
    .where(eq(s.notifications.userId, userId))
    .orderBy(s.notifications.id);

describe("the commission rate", () => {
  it.each([
    ["0", 0],
    ["10", 1000],
    ["12.5", 1250],
    ["12.50", 1250],
    ["0.01", 1],
    ["7.05", 705],
    ["50", 5000],
    ["12.5%", 1250],
    [12.5, 1250],
    [33.33, 3333],
  ])("%j %% is exactly %d bps", (raw, bps) => {
    expect(ratePercent.parse(raw)).toBe(bps);
  });

  it.each([["-0.01"], ["50.01"], ["51"], ["12.345"], ["1e3"], [""], ["abc"], [0.1 + 0.2], [-1]])(
    "%j is refused",
    (raw) => {
      expect(ratePercent.safeParse(raw).success).toBe(false);
    },
  );

  it("bounds: 0 and 5000 bps accepted; -1 and 5001 bps refused by the form and by the use case", async () => {
    expect(percentToBps("-0.01")).toBe(-1);
    expect(percentToBps("50.01")).toBe(5001);
    const r = proposeAgreementInput.safeParse({ coopId: "x", ...terms, rate: "50.01" });
    expect(r.success ? null : r.error.issues.map((i) => i.message)).toEqual(["rate_out_of_range"]);
    const w = await world();
    const zero = await proposeAgreement(w.streamer, { coopId: w.coop.id, ...terms, rate: "0" });
    const [row0] = await t.db.select().from(s.carryingAgreements).where(eq(s.carryingAgreements.id, zero.id));
    expect(row0!.rateBps).toBe(0);
    await withdrawAgreement(w.streamer, { agreementId: zero.id });
    const max = await proposeAgreement(w.streamer, { coopId: w.coop.id, ...terms, rate: "50" });
    const [row1] = await t.db.select().from(s.carryingAgreements).where(eq(s.carryingAgreements.id, max.id));
    expect(row1!.rateBps).toBe(5000);
    await withdrawAgreement(w.streamer, { agreementId: max.id });
    const base = { coopId: w.coop.id, ...terms, scope: "all" as const, productIds: [], note: null };
    for (const rate of [-1, 5001, 12.5])
      await expect(proposeTyped(w.streamer, { ...base, rate })).rejects.toMatchObject({
        code: "VALIDATION",
        fields: { rate: ["rate_out_of_range"] },
      });
    expect(
      await t.db.select().from(s.carryingAgreements).where(eq(s.carryingAgreements.streamerId, w.streamer.userId)),
    ).toHaveLength(2);
  });
});

describe("negotiating", () => {
  it("propose → coop counters → streamer counters → coop accepts: every step in the history, both sides notified", async () => {
    const w = await world();
    const { id } = await proposeAgreement(w.streamer, {
      coopId: w.coop.id,
      ...terms,
      rate: "12.5",
      scope: "some",
      productIds: [w.rice.product.id],
      note: "想带湖墩大米",
    });
    expect(await notes(w.member.userId)).toEqual([
      {
        kind: "agreement_update",
        params: { action: "propose", by: "小柳", coop: "大柳村丰产粮油合作社", streamer: "小柳" },
        link: `/coop/agreements/${id}?coop=${w.coop.id}`,
      },
    ]);
    expect(await counterAgreement(w.member, "coop", { agreementId: id, ...terms, rate: "8", scope: "all" })).toEqual({
      id,
      status: "countered",
      awaiting: "streamer",
      replayed: false,
    });
    await counterAgreement(w.streamer, "streamer", {
      agreementId: id,
      rate: "10",
      startsOn: "2026-12-12",
      endsOn: "2027-01-31",
      scope: "some",
      productIds: [w.oil.product.id, w.rice.product.id],
    });
    expect(await acceptAgreement(w.member, "coop", { agreementId: id })).toEqual({
      id,
      status: "active",
      awaiting: null,
      replayed: false,
    });
    const [row] = await t.db.select().from(s.carryingAgreements).where(eq(s.carryingAgreements.id, id));
    expect(row).toMatchObject({
      status: "active",
      awaiting: null,
      allProducts: false,
      rateBps: 1000,
      startsAt: new Date("2026-12-11T16:00:00Z"),
      endsAt: new Date("2027-01-31T16:00:00Z"),
    });
    const chosen = [w.oil.product.id, w.rice.product.id].sort();
    const history = (await events(id)).map((e) => ({
      side: e.side,
      action: e.action,
      actorId: e.actorId,
      rateBps: e.rateBps,
      startsAt: e.startsAt?.toISOString() ?? null,
      endsAt: e.endsAt?.toISOString() ?? null,
      productIds: e.productIds,
      note: e.note,
    }));
    expect(history).toEqual([
      {
        side: "streamer",
        action: "propose",
        actorId: w.streamer.userId,
        rateBps: 1250,
        startsAt: "2026-12-09T16:00:00.000Z",
        endsAt: "2026-12-31T16:00:00.000Z",
        productIds: [w.rice.product.id],
        note: "想带湖墩大米",
      },
      {
        side: "coop",
        action: "counter",
        actorId: w.member.userId,
        rateBps: 800,
        startsAt: "2026-12-09T16:00:00.000Z",
        endsAt: "2026-12-31T16:00:00.000Z",
        productIds: null,
        note: null,
      },
      {
        side: "streamer",
        action: "counter",
        actorId: w.streamer.userId,
        rateBps: 1000,
        startsAt: "2026-12-11T16:00:00.000Z",
        endsAt: "2027-01-31T16:00:00.000Z",
        productIds: chosen,
        note: null,
      },
      {
        side: "coop",
        action: "accept",
        actorId: w.member.userId,
        rateBps: 1000,
        startsAt: "2026-12-11T16:00:00.000Z",
        endsAt: "2027-01-31T16:00:00.000Z",
        productIds: chosen,
        note: null,
      },
    ]);
    // Both sides read the same history; the streamer was told of each of the cooperative's steps.
    const mine = await getAgreement(w.streamer, "streamer", id);
    const theirs = await getAgreement(w.member, "coop", id);
    expect(mine.history.map((e) => [e.side, e.action, e.actorName])).toEqual([
      ["streamer", "propose", "小柳"],
      ["coop", "counter", "富志刚"],
      ["streamer", "counter", "小柳"],
      ["coop", "accept", "富志刚"],
    ]);
    expect(theirs.history).toEqual(mine.history);
    expect(mine.products.map((p) => p.nameZh).sort()).toEqual(["湖墩大米", "菜籽油"].sort());
    expect(mine.inForce).toBe(false); // starts on the 12th
    expect(mine.can).toEqual({ accept: false, reject: false, counter: false, withdraw: false, end: true });
    expect((await notes(w.streamer.userId)).map((n) => n.params.action)).toEqual(["counter", "accept"]);
    expect((await notes(w.member.userId)).map((n) => n.params.action)).toEqual(["propose", "counter"]);
    expect((await listAgreements(w.member, "coop", w.coop.id)).map((a) => a.id)).toEqual([id]);
    expect((await listAgreements(w.streamer, "streamer")).map((a) => a.status)).toEqual(["active"]);
  });

  it("only the awaited side may accept, counter or reject; a refused step writes nothing", async () => {
    const w = await world();
    const { id } = await proposeAgreement(w.streamer, { coopId: w.coop.id, ...terms });
    await expect(acceptAgreement(w.streamer, "streamer", { agreementId: id })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    await expect(rejectAgreement(w.streamer, "streamer", { agreementId: id })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    await expect(
      counterAgreement(w.streamer, "streamer", { agreementId: id, ...terms, rate: "5" }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    await counterAgreement(w.member, "coop", { agreementId: id, ...terms, rate: "6" });
    await expect(acceptAgreement(w.member, "coop", { agreementId: id })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    await expect(rejectAgreement(w.member, "coop", { agreementId: id })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    expect((await events(id)).map((e) => e.action)).toEqual(["propose", "counter"]);
    const [row] = await t.db.select().from(s.carryingAgreements).where(eq(s.carryingAgreements.id, id));
    expect(row).toMatchObject({ status: "countered", awaiting: "streamer", rateBps: 600 });
    // The streamer answers: a rejection closes it, and nothing more may happen to it.
    await rejectAgreement(w.streamer, "streamer", { agreementId: id, note: "太低了" });
    await expect(acceptAgreement(w.member, "coop", { agreementId: id })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    await expect(endAgreement(w.member, "coop", { agreementId: id })).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect((await events(id)).map((e) => [e.side, e.action, e.note])).toEqual([
      ["streamer", "propose", null],
      ["coop", "counter", null],
      ["streamer", "reject", "太低了"],
    ]);
  });

  it("the streamer may withdraw while it is negotiated, whoever's turn; then the cooperative cannot accept", async () => {
    const w = await world();
    const { id } = await proposeAgreement(w.streamer, { coopId: w.coop.id, ...terms });
    expect(await withdrawAgreement(w.streamer, { agreementId: id })).toMatchObject({ status: "withdrawn" });
    await expect(acceptAgreement(w.member, "coop", { agreementId: id })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    // A cooperative member who is also a streamer cannot withdraw the cooperative's side of someone else's request.
    await expect(withdrawAgreement(w.member, { agreementId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("accepting twice, ending twice, a double-clicked counter: the repeat answers as before and writes nothing", async () => {
    const w = await world();
    const { id } = await proposeAgreement(w.streamer, { coopId: w.coop.id, ...terms });
    const counter = { agreementId: id, ...terms, rate: "9", scope: "some", productIds: [w.rice.product.id] };
    await counterAgreement(w.member, "coop", counter);
    expect(await counterAgreement(w.member, "coop", counter)).toMatchObject({ status: "countered", replayed: true });
    // Not the same terms: a second, different counter while it is the streamer's turn is refused.
    await expect(counterAgreement(w.member, "coop", { ...counter, rate: "8" })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    const first = await acceptAgreement(w.streamer, "streamer", { agreementId: id });
    const again = await acceptAgreement(w.streamer, "streamer", { agreementId: id });
    expect([first.replayed, again.replayed, again.status]).toEqual([false, true, "active"]);
    await endAgreement(w.member, "coop", { agreementId: id });
    expect(await endAgreement(w.member, "coop", { agreementId: id })).toMatchObject({
      status: "ended",
      replayed: true,
    });
    // The other side's end after it ended is not a repeat of theirs: refused.
    await expect(endAgreement(w.streamer, "streamer", { agreementId: id })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    expect((await events(id)).map((e) => e.action)).toEqual(["propose", "counter", "accept", "end"]);
    expect((await notes(w.streamer.userId)).map((n) => n.params.action)).toEqual(["counter", "end"]);
  });

  it("someone else's agreement answers NOT_FOUND; anonymous UNAUTHENTICATED", async () => {
    const w = await world();
    const { id } = await proposeAgreement(w.streamer, { coopId: w.coop.id, ...terms });
    const otherStreamer = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
    const otherCoop = await createCoop(t.db);
    const otherMember = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: otherCoop.id }] });
    const consumer = await createViewer(t.db);
    const admin = await createViewer(t.db, { memberships: [{ kind: "admin" }] });
    for (const [who, side] of [
      [otherStreamer, "streamer"],
      [otherMember, "coop"],
      [consumer, "coop"],
      [consumer, "streamer"],
      [admin, "coop"],
      [w.member, "streamer"],
    ] as const) {
      await expect(getAgreement(who, side, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(acceptAgreement(who, side, { agreementId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(counterAgreement(who, side, { agreementId: id, ...terms })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    await expect(withdrawAgreement(otherStreamer, { agreementId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listAgreements(otherMember, "coop", w.coop.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(acceptAgreement(null, "coop", { agreementId: id })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    await expect(proposeAgreement(w.member, { coopId: w.coop.id, ...terms })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await events(id)).map((e) => e.action)).toEqual(["propose"]);
  });
});

describe("one open agreement per streamer and cooperative", () => {
  it("a second proposal while one is negotiated, or an overlapping active one, is refused clearly", async () => {
    const w = await world();
    const { id } = await proposeAgreement(w.streamer, { coopId: w.coop.id, ...terms });
    await expect(proposeAgreement(w.streamer, { coopId: w.coop.id, ...terms, rate: "5" })).rejects.toMatchObject({
      code: "CONFLICT",
      fields: { coopId: ["agreement_open"] },
    });
    // Two at once: exactly one is written.
    const other = await createCoop(t.db);
    const both = await Promise.allSettled([
      proposeAgreement(w.streamer, { coopId: other.id, ...terms }),
      proposeAgreement(w.streamer, { coopId: other.id, ...terms }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    await acceptAgreement(w.member, "coop", { agreementId: id });
    // Active Dec 10–31: a January one may be proposed; one overlapping December is refused.
    await expect(
      proposeAgreement(w.streamer, { coopId: w.coop.id, rate: "10", startsOn: "2026-12-31", endsOn: "2027-01-31" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const jan = await proposeAgreement(w.streamer, {
      coopId: w.coop.id,
      rate: "10",
      startsOn: "2027-01-01",
      endsOn: "2027-01-31",
    });
    // …and countered into December, it is refused too (the counter stays unwritten).
    await expect(
      counterAgreement(w.member, "coop", {
        agreementId: jan.id,
        rate: "10",
        startsOn: "2026-12-20",
        endsOn: "2027-01-31",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", fields: { startsOn: ["agreement_open"] } });
    expect((await events(jan.id)).map((e) => e.action)).toEqual(["propose"]);
    // Rejected, withdrawn and ended ones do not count.
    await rejectAgreement(w.member, "coop", { agreementId: jan.id });
    await endAgreement(w.streamer, "streamer", { agreementId: id });
    const again = await proposeAgreement(w.streamer, { coopId: w.coop.id, ...terms });
    expect(again.id).toMatch(/^agr_/);
  });

  it("an active agreement that has run out does not block a new one", async () => {
    const w = await world();
    await createAgreement(t.db, {
      streamerId: w.streamer.userId,
      coopId: w.coop.id,
      startsAt: new Date("2026-11-01T00:00:00Z"),
      endsAt: new Date("2026-12-01T00:00:00Z"),
    });
    await expect(proposeAgreement(w.streamer, { coopId: w.coop.id, ...terms })).resolves.toMatchObject({});
  });
});

describe("terms", () => {
  it.each([
    ["a start before today", { startsOn: "2026-12-09" }, "VALIDATION", { startsOn: ["start_in_past"] }],
    ["longer than three years", { endsOn: "2030-12-31" }, "VALIDATION", { endsOn: ["period_too_long"] }],
  ])("%s is refused", async (_, over, code, fields) => {
    const w = await world();
    await expect(proposeAgreement(w.streamer, { coopId: w.coop.id, ...terms, ...over })).rejects.toMatchObject({
      code,
      fields,
    });
  });

  it("form mistakes are field errors: end before start, no products chosen, a bad day", () => {
    const issues = (raw: Record<string, unknown>) => {
      const r = proposeAgreementInput.safeParse({ coopId: "coop_x", ...terms, ...raw });
      return r.success ? null : r.error.issues.map((i) => [i.path.join("."), i.message]);
    };
    expect(issues({ endsOn: "2026-12-01" })).toEqual([["endsOn", "end_before_start"]]);
    expect(issues({ scope: "some" })).toEqual([["productIds", "choose_products"]]);
    expect(issues({ startsOn: "2026-02-30" })).toEqual([["startsOn", "invalid"]]);
    // bps are not a form field: the contract takes the percentage only.
    expect(issues({ rateBps: 100 })).toHaveLength(1);
    expect(issues({ note: "a\u0000b" })).toEqual([["note", "invalid"]]);
  });

  it("chosen products must be the cooperative's", async () => {
    const w = await world();
    const elsewhere = await createProduct(t.db, { coopId: (await createCoop(t.db)).id });
    await expect(
      proposeAgreement(w.streamer, {
        coopId: w.coop.id,
        ...terms,
        scope: "some",
        productIds: [w.rice.product.id, elsewhere.product.id],
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", fields: { productIds: ["unknown_product"] } });
    expect(
      await t.db
        .select()
        .from(s.carryingAgreements)
        .where(and(eq(s.carryingAgreements.streamerId, w.streamer.userId), eq(s.carryingAgreements.coopId, w.coop.id))),
    ).toHaveLength(0);
  });
});
