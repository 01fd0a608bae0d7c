import { randomBytes } from "node:crypto";
import { act, ok, redirectedTo } from "../actions";
import type { HttpClient } from "../http";
import { openLiveDrop, scheduleSession, shanghai } from "../live-drop";
import type { TestApp } from "../test-app";
import type { Fixtures, Role } from "./types";

const DEMO_PASSWORD = "demo-password";
export const CRON_SECRET = "authz-matrix-cron-secret-0123";
const key = () => randomBytes(12).toString("hex");

export type Sessions = Record<Role, HttpClient>;

/** Signs every role in (new accounts for coop B, the second streamer, S2's manager and the one to suspend). */
export async function signInRoles(app: TestApp): Promise<Sessions> {
  const stamp = Date.now().toString(36);
  const existing: Partial<Record<Role, string>> = {
    buyer: "buyer@example.com",
    coopA: "coop@example.com",
    streamer: "streamer@example.com",
    stationS1: "station@example.com",
    admin: "admin@example.com",
  };
  const fresh: Partial<Record<Role, { kind: string; scope: string | null } | null>> = {
    coopB: { kind: "coop", scope: "coop_pinghu" },
    streamer2: { kind: "streamer", scope: null },
    stationS2: { kind: "station", scope: "stn_xitang" },
    suspended: null,
  };
  const sessions = { anonymous: app.client() } as Sessions;
  for (const [role, email] of Object.entries(existing) as [Role, string][]) {
    const c = app.client();
    const r = await c.signIn(email, DEMO_PASSWORD);
    if (r.status !== 302 || String(r.headers.location).includes("error"))
      throw new Error(`sign-in ${email}: ${r.status} ${r.headers.location}`);
    sessions[role] = c;
  }
  for (const [role, membership] of Object.entries(fresh) as [Role, { kind: string; scope: string | null } | null][]) {
    const c = app.client();
    const email = `${role.toLowerCase()}-${stamp}@authz.test`;
    const out = await act(c, "app/(shop)/signup/actions.ts", "signUpAction", {
      name: role,
      email,
      password: DEMO_PASSWORD,
    });
    redirectedTo(out);
    const [user] = await app.query<{ id: string }>("select id from users where email = $1", [email]);
    if (membership)
      await app.query("insert into memberships (id, user_id, kind, scope_id) values ($1, $2, $3, $4)", [
        `mem_authz_${role.toLowerCase()}`,
        user!.id,
        membership.kind,
        membership.scope,
      ]);
    sessions[role] = c;
  }
  return sessions;
}

/** The suspended role is signed in first, then suspended the way an admin does it: status and every session. */
export async function suspend(app: TestApp, s: Sessions): Promise<void> {
  const [row] = await app.query<{ id: string }>(
    "select id from users where name = 'suspended' order by created_at desc limit 1",
  );
  await app.query("update users set status = 'suspended' where id = $1", [row!.id]);
  await app.query(
    "update auth_sessions set revoked_at = now(), revoked_reason = 'suspended' where user_id = $1 and revoked_at is null",
    [row!.id],
  );
  void s;
}

async function sweepNow(app: TestApp, c: HttpClient) {
  const r = await c.request("POST", "/api/cron/sweep", { headers: { authorization: `Bearer ${CRON_SECRET}` } });
  if (r.status !== 200) throw new Error(`sweep: ${r.status} ${r.body}`);
  void app;
}

async function orderAtS1(
  app: TestApp,
  s: Sessions,
  variantId: string,
  payment: "pay_at_pickup" | "online",
): Promise<string> {
  const out = await act(s.buyer, "app/(shop)/checkout/actions.ts", "placeOrderAction", {
    idempotencyKey: key(),
    lines: JSON.stringify([{ variantId, quantity: 1 }]),
    fulfillment: "pickup",
    stationId: "stn_huimin",
    paymentMethod: payment,
  });
  if (payment === "pay_at_pickup") return /\/orders\/([A-Z0-9]+)/.exec(redirectedTo(out))![1]!;
  redirectedTo(out); // to the (fake) Stripe Checkout page
  const [row] = await app.query<{ number: string }>(
    "select number from orders where buyer_id = 'usr_demo_buyer' and status = 'awaiting_payment' order by placed_at desc limit 1",
  );
  return row!.number;
}

/** The batch an order's line is in, pushed past its lock time and locked by the sweep. */
async function lockBatchOf(app: TestApp, s: Sessions, number: string): Promise<{ id: string; day: string }> {
  const [b] = await app.query<{ id: string; day: string }>(
    "select distinct b.id, b.delivery_day::text as day from orders o join order_lines l on l.order_id = o.id join batches b on b.id = l.batch_id where o.number = $1",
    [number],
  );
  await app.query("update batches set locks_at = now() - interval '1 minute' where id = $1", [b!.id]);
  await sweepNow(app, s.anonymous);
  return b!;
}

/** Everything the matrix acts on, made the way people make it (their actions), with two nudges of the clock. */
export async function createFixtures(app: TestApp, s: Sessions): Promise<Fixtures> {
  const [variant] = await app.query<{ id: string; product_id: string }>(
    "select v.id, v.product_id from variants v join products p on p.id = v.product_id where p.coop_id = 'coop_daliu' and p.status = 'published' and v.status = 'active' order by v.stock desc limit 1",
  );
  const variantA = variant!.id;
  const productA = variant!.product_id;

  const first = await orderAtS1(app, s, variantA, "pay_at_pickup");
  const dispatched = await lockBatchOf(app, s, first);
  ok(
    await act(s.coopA, "app/(workspace)/coop/pick-lists/actions.ts", "dispatchBatchAction", {
      batchId: dispatched.id,
      day: dispatched.day,
    }),
    "dispatch",
  );
  const orderA = await orderAtS1(app, s, variantA, "pay_at_pickup");
  const locked = await lockBatchOf(app, s, orderA);
  const unpaidOrderA = await orderAtS1(app, s, variantA, "online");

  const campaign = ok(
    await act(s.coopA, "app/(workspace)/coop/campaigns/actions.ts", "createCampaignAction", {
      variantId: variantA,
      titleZh: "矩阵团购",
      titleEn: "Matrix group buy",
      price: "50",
      stockCap: "20",
      opensAt: shanghai(-60),
      closesAt: shanghai(24 * 60),
      pickupDay: shanghai(3 * 24 * 60).slice(0, 10),
      stations: "all",
    }),
    "campaign",
  ) as { id: string };
  const deal = ok(
    await act(s.coopA, "app/(workspace)/coop/team-deals/actions.ts", "createTeamDealAction", {
      variantId: variantA,
      teamPrice: "50",
      teamSize: "3",
      formingHours: "24",
      stockCap: "30",
      activeFrom: shanghai(-60),
      activeTo: shanghai(3 * 24 * 60),
    }),
    "team deal",
  ) as { id: string };
  const team = redirectedTo(
    await act(s.buyer, "app/(shop)/teams/actions.ts", "openTeamAction", {
      dealId: deal.id,
      stationId: "stn_huimin",
      quantity: "1",
      payMethod: "pay_at_pickup",
      idempotencyKey: key(),
    }),
  );
  const [teamOrder] = await app.query<{ number: string }>(
    "select o.number from orders o join team_members m on m.order_id = o.id where o.buyer_id = 'usr_demo_buyer' order by o.placed_at desc limit 1",
  );
  const spareVariant = ok(
    await act(s.coopA, "app/(workspace)/coop/products/actions.ts", "addVariantAction", {
      productId: productA,
      labelZh: "矩阵装",
      labelEn: "Matrix pack",
      sku: `MTX-${Date.now().toString(36)}`,
      price: "9.90",
    }),
    "spare variant",
  ) as { id: string };
  const [sku] = await app.query<{ sku: string }>("select sku from variants where id = $1", [variantA]);

  const sessionToCancel = await scheduleSession(s.streamer, "矩阵直播(取消用)");
  const { sessionId: sessionOfStreamer, dropId } = await openLiveDrop(app, s.streamer, {
    productId: productA,
    variantId: variantA,
    cap: 10,
    perBuyerLimit: 2,
  });
  const commentOfBuyer = `cmt_matrix${Date.now().toString(36)}`;
  await app.query(
    "insert into live_comments (id, session_id, user_id, body, shown) values ($1, $2, $3, '矩阵里的一条评论', true)",
    [commentOfBuyer, sessionOfStreamer, "usr_demo_buyer"],
  );
  const token = async (c: HttpClient) => {
    const { token: secret } = ok(
      await act(c, "app/(workspace)/streamer/actions.ts", "createTokenAction", {
        name: "matrix",
        scopes: ["sessions:read", "live:write", "drops:write", "figures:read"],
      }),
      "token",
    ) as { token: string };
    const [row] = await app.query<{ id: string }>(
      "select id from api_tokens where token_hint = $1 order by created_at desc limit 1",
      [secret.slice(-4)],
    );
    return { id: row!.id, token: secret };
  };
  const agreement = redirectedTo(
    await act(s.streamer, "app/(workspace)/streamer/agreements/actions.ts", "proposeAgreementAction", {
      coopId: "coop_pinghu",
      rate: "10",
      startsOn: shanghai(0).slice(0, 10),
      endsOn: shanghai(30 * 24 * 60).slice(0, 10),
      scope: "all",
    }),
  );
  const t1 = await token(s.streamer);
  const t2 = await token(s.streamer2);

  const spare = app.client();
  const spareEmail = `spare-${Date.now().toString(36)}@authz.test`;
  redirectedTo(
    await act(spare, "app/(shop)/signup/actions.ts", "signUpAction", {
      name: "spare",
      email: spareEmail,
      password: DEMO_PASSWORD,
    }),
  );
  const [spareUser] = await app.query<{ id: string }>("select id from users where email = $1", [spareEmail]);
  await app.query(
    "insert into memberships (id, user_id, kind, scope_id) values ('mem_authz_spare', $1, 'station', 'stn_huimin')",
    [spareUser!.id],
  );
  await app.query(
    "insert into refunds (id, order_id, amount_fen, reason, idempotency_key, status, last_error) select 'rfd_authz_failed', id, 100, 'authz', 'refund:authz-matrix', 'failed', 'authz fixture' from orders where number = $1",
    [orderA],
  );

  const boundary = "fixtureboundary";
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAABAAAAAQBPJcTWAAAAD0lEQVR4nGNgqGcAIQgFAA3yAf0TIoIjAAAAAElFTkSuQmCC",
    "base64",
  );
  const upload = await s.coopA.request("POST", `/api/coop/products/${productA}/image`, {
    headers: { origin: app.base, "content-type": `multipart/form-data; boundary=${boundary}` },
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  if (upload.status !== 200) throw new Error(`image upload: ${upload.status} ${upload.body}`);
  const { imagePath } = JSON.parse(upload.body) as { imagePath: string };
  redirectedTo(
    await act(s.buyer, "app/(shop)/apply/actions.ts", "applyStationAction", {
      shopName: "矩阵便利店",
      address: "惠民街道矩阵路 1 号",
      town: "惠民街道",
      phone: "13800002222",
      lat: "30.87",
      lng: "120.97",
      opensAt: "08:00",
      closesAt: "20:00",
      dailyCapacity: "50",
    }),
  );
  const [application] = await app.query<{ id: string }>(
    "select id from applications where user_id = 'usr_demo_buyer' and kind = 'station' and status = 'pending'",
  );
  const invitation = ok(
    await act(s.coopA, "app/(workspace)/coop/team/actions.ts", "inviteMemberAction", {
      coopId: "coop_daliu",
      identifier: "fixture-invitee@authz.test",
      role: "staff",
    }),
    "invitation",
  ) as { invitationId: string };
  // The demo's closed week (lib/db/seed/demo-finance.ts) pays the cooperative and the streamer: two manual payouts.
  ok(await act(s.admin, "app/(workspace)/admin/finance/actions.ts", "runPayoutsAction", {}), "payout run");
  const [payout] = await app.query<{ id: string }>(
    "select id from payouts where status = 'pending' and method = 'manual' and party_id = 'coop_daliu'",
  );
  if (!payout) throw new Error("the demo's payout run made no manual payout to coop_daliu");
  const [completed] = await app.query<{ number: string; line_id: string }>(
    `select o.number, l.id as line_id from orders o join order_lines l on l.order_id = o.id
      where o.status = 'completed' and o.station_id = 'stn_huimin' and o.payment_method = 'pay_at_pickup'
        and l.coop_id = 'coop_daliu' order by o.completed_at limit 1`,
  );
  if (!completed) throw new Error("the demo has no handed-over order at stn_huimin");
  const refund = ok(
    await act(s.coopA, "app/(workspace)/coop/orders/actions.ts", "refundLineAction", {
      number: completed.number,
      coopId: "coop_daliu",
      lineId: completed.line_id,
      amount: "0.02",
      reason: "authz fixture",
      idempotencyKey: `authz-fixture-${key()}`,
    }),
    "cash refund",
  ) as { refundId: string };
  return {
    coopA: "coop_daliu",
    coopB: "coop_pinghu",
    productA,
    variantA,
    stationS1: "stn_huimin",
    stationS2: "stn_xitang",
    buyerId: "usr_demo_buyer",
    orderA,
    unpaidOrderA,
    lockedBatchA: locked.id,
    dispatchedBatchA: dispatched.id,
    campaignA: campaign.id,
    teamDealA: deal.id,
    teamA: /\/teams\/([a-z0-9_]+)/.exec(team)![1]!,
    teamOrderA: teamOrder!.number,
    spareVariantA: spareVariant.id,
    skuA: sku!.sku,
    spareEmail,
    sessionOfStreamer,
    commentOfBuyer,
    sessionToCancel,
    dropOfStreamer: dropId,
    agreementOfStreamer: /\/streamer\/agreements\/([a-z0-9_]+)/.exec(agreement)![1]!,
    streamerToken: t1.token,
    streamer2Token: t2.token,
    streamerTokenId: t1.id,
    spareMembership: "mem_authz_spare",
    failedRefund: "rfd_authz_failed",
    applicationOfBuyer: application!.id,
    coopOwnerA: "usr_demo_coop",
    invitationA: invitation.invitationId,
    imageName: imagePath.split("/").pop()!,
    day: locked.day,
    manualPayout: payout.id,
    completedOrderA: completed.number,
    completedLineA: completed.line_id,
    cashRefundS1: refund.refundId,
  };
}
