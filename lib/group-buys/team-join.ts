import "server-only";
import { and, count, eq, gt, lte, sql } from "drizzle-orm";
import { assertViewer, enforce } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { newId } from "../core/ids";
import { now } from "../core/clock";
import { getDb, isUniqueViolation, schema as s, type DbOrTx, type Tx } from "../db";
import { env } from "../env";
import { placeOnce, placeOrder } from "../orders";
import { onlinePaymentsEnabled } from "../payments";
import type { JoinTeamInput, OpenTeamInput, TeamPayMethod } from "./team-contract";
import { completeTeamInTx } from "./team-lifecycle";
import { settleTeamPayments } from "./team-settle";

export type TeamRow = typeof s.teams.$inferSelect;
type DealRow = typeof s.teamDeals.$inferSelect;

export interface TeamEntry {
  teamId: string;
  orderId: string;
  orderNumber: string;
  payMethod: TeamPayMethod;
  /** The buyer still has to pay online (card authorisation or wallet) to keep the seat. */
  needsPayment: boolean;
  /** This entry filled the team (it completed in the same transaction). */
  completed: boolean;
  created: boolean;
}

/**
 * 开团: a buyer opens a team of a deal by ordering at the team price. One transaction: the deal's cap is
 * taken with a conditional UPDATE (judged by the server clock, which also locks the deal row so one buyer's
 * concurrent opens are counted against the deal's limit), the team is written, then the member and the order.
 */
export async function openTeam(viewer: Viewer | null, input: OpenTeamInput): Promise<TeamEntry> {
  assertViewer(viewer);
  assertPayable(input.payMethod);
  await enforce(`checkout:user:${viewer.userId}`, { max: 30, windowSeconds: 60 }, "checkouts");
  const db = await getDb();
  return afterCommit(
    await placeOnce(db, {
      replay: (d) => existingEntry(d, viewer.userId, input.idempotencyKey),
      place: async (tx) => {
        const at = now();
        const deal = await takeFromDeal(tx, input.dealId, input.quantity, at, true);
        const [open] = await tx
          .select({ n: count() })
          .from(s.teams)
          .where(and(eq(s.teams.dealId, deal.id), eq(s.teams.leaderId, viewer.userId), eq(s.teams.status, "forming")));
        if ((open?.n ?? 0) >= deal.maxOpenTeamsPerBuyer) {
          throw new AppError("TEAM_LIMIT", "too many forming teams of this deal", {
            params: { limit: deal.maxOpenTeamsPerBuyer },
          });
        }
        const [team] = await tx
          .insert(s.teams)
          .values({
            id: newId("team"),
            dealId: deal.id,
            leaderId: viewer.userId,
            stationId: deal.sameStationOnly ? input.stationId : null,
            size: deal.teamSize,
            expiresAt: new Date(at.getTime() + deal.formingMinutes * 60_000),
          })
          .returning();
        return addMember(tx, team!, deal, viewer.userId, input, at);
      },
    }),
  );
}

/**
 * 参团: one transaction that locks the team row (SELECT … FOR UPDATE), checks it is forming, not full, not past
 * its deadline and without this buyer, takes the units from the deal's cap and the variant (conditional
 * UPDATEs), writes the member and the order at the team price — and when this buyer is the Nth, completes
 * the team in the same transaction. Two buyers racing for the last seat: the second waits on the lock and
 * then finds the team full (TEAM_CLOSED).
 */
export async function joinTeam(viewer: Viewer | null, input: JoinTeamInput): Promise<TeamEntry> {
  assertViewer(viewer);
  assertPayable(input.payMethod);
  await enforce(`checkout:user:${viewer.userId}`, { max: 30, windowSeconds: 60 }, "checkouts");
  const db = await getDb();
  try {
    return afterCommit(
      await placeOnce(db, {
        replay: (d) => existingEntry(d, viewer.userId, input.idempotencyKey),
        place: async (tx) => {
          const at = now();
          const [team] = await tx.select().from(s.teams).where(eq(s.teams.id, input.teamId)).for("update");
          if (!team) throw new AppError("NOT_FOUND", "team not found");
          if (team.status !== "forming") throw closed(team.status);
          if (team.expiresAt <= at) throw closed("expired");
          const [already] = await tx
            .select({ id: s.teamMembers.id })
            .from(s.teamMembers)
            .where(and(eq(s.teamMembers.teamId, team.id), eq(s.teamMembers.userId, viewer.userId)));
          if (already)
            throw new AppError("CONFLICT", "already in this team", { params: { reason: "already_in_team" } });
          if (team.seats >= team.size) throw closed("full");
          if (team.stationId && team.stationId !== input.stationId) {
            throw new AppError("VALIDATION", "this team picks up at one station", {
              fields: { stationId: ["team_station_only"] },
            });
          }
          const deal = await takeFromDeal(tx, team.dealId, input.quantity, at, false);
          return addMember(tx, team, deal, viewer.userId, input, at);
        },
      }),
    );
  } catch (err) {
    // The unique (team, buyer) index backs the check above if two requests of one buyer ever got past it.
    if (isUniqueViolation(err, "team_members_team_user_key"))
      throw new AppError("CONFLICT", "already in this team", { params: { reason: "already_in_team" } });
    throw err;
  }
}

const closed = (why: string) => new AppError("TEAM_CLOSED", `team is ${why}`, { params: { reason: why } });

function assertPayable(method: TeamPayMethod) {
  if (method !== "pay_at_pickup" && !onlinePaymentsEnabled()) {
    throw new AppError("VALIDATION", "online payment is not available", {
      fields: { payMethod: ["online_unavailable"] },
    });
  }
}

/** The entry a buyer's idempotency key made (a double submit, a retry after a timeout answer with it). */
async function existingEntry(db: DbOrTx, buyerId: string, key: string): Promise<TeamEntry | null> {
  const [row] = await db
    .select({
      teamId: s.teamMembers.teamId,
      orderId: s.orders.id,
      orderNumber: s.orders.number,
      payMethod: s.teamMembers.payMethod,
      memberStatus: s.teamMembers.status,
      teamStatus: s.teams.status,
    })
    .from(s.orders)
    .innerJoin(s.teamMembers, eq(s.teamMembers.orderId, s.orders.id))
    .innerJoin(s.teams, eq(s.teams.id, s.teamMembers.teamId))
    .where(and(eq(s.orders.buyerId, buyerId), eq(s.orders.idempotencyKey, key)));
  if (!row) return null;
  return {
    teamId: row.teamId,
    orderId: row.orderId,
    orderNumber: row.orderNumber,
    payMethod: row.payMethod,
    needsPayment: row.memberStatus === "pending_payment",
    completed: row.teamStatus === "completed",
    created: false,
  };
}

/**
 * Takes `quantity` units from the deal's cap (a conditional UPDATE that also holds the deal row until
 * commit). Opening a team needs the deal inside its active window; joining a forming team does not.
 */
async function takeFromDeal(tx: Tx, dealId: string, quantity: number, at: Date, opening: boolean): Promise<DealRow> {
  const d = s.teamDeals;
  const [deal] = await tx
    .update(d)
    .set({ committed: sql`${d.committed} + ${quantity}`, updatedAt: at })
    .where(
      and(
        eq(d.id, dealId),
        sql`${d.committed} + ${quantity} <= ${d.stockCap}`,
        ...(opening ? [eq(d.status, "active"), lte(d.activeFrom, at), gt(d.activeTo, at)] : []),
      ),
    )
    .returning();
  if (deal) return deal;
  const [row] = await tx.select().from(d).where(eq(d.id, dealId));
  if (!row) throw new AppError("NOT_FOUND", "deal not found");
  if (opening && (row.status !== "active" || at < row.activeFrom || at >= row.activeTo))
    throw new AppError("NOT_OPEN", "deal is not open");
  const [v] = await tx
    .select({ name: s.products.nameZh, label: s.variants.labelZh })
    .from(s.variants)
    .innerJoin(s.products, eq(s.products.id, s.variants.productId))
    .where(eq(s.variants.id, row.variantId));
  throw new AppError("SOLD_OUT", "deal cap reached", {
    params: { name: `${v?.name ?? ""} ${v?.label ?? ""}`.trim(), left: row.stockCap - row.committed },
  });
}

async function addMember(
  tx: Tx,
  team: TeamRow,
  deal: DealRow,
  buyerId: string,
  input: { stationId: string; quantity: number; payMethod: TeamPayMethod; idempotencyKey: string },
  at: Date,
): Promise<TeamEntry> {
  const online = input.payMethod !== "pay_at_pickup";
  const hold = new Date(Math.min(at.getTime() + env().PAYMENT_HOLD_MINUTES * 60_000, team.expiresAt.getTime()));
  const placed = await placeOrder(tx, {
    buyerId,
    channel: "team",
    lines: [{ variantId: deal.variantId, quantity: input.quantity }],
    unitPriceFen: () => deal.teamPriceFen,
    fulfillment: { kind: "pickup", stationId: input.stationId },
    paymentMethod: online ? "online" : "pay_at_pickup",
    idempotencyKey: input.idempotencyKey,
    at,
    noBatch: true,
    issueCode: false,
    ...(online ? { status: "awaiting_payment" as const, holdExpiresAt: hold } : {}),
  });
  const seated = await tx
    .update(s.teams)
    .set({ seats: sql`${s.teams.seats} + 1`, updatedAt: at })
    .where(and(eq(s.teams.id, team.id), eq(s.teams.status, "forming"), sql`${s.teams.seats} < ${s.teams.size}`))
    .returning();
  if (!seated.length) throw closed("full");
  await tx.insert(s.teamMembers).values({
    id: newId("tmm"),
    teamId: team.id,
    userId: buyerId,
    orderId: placed.id,
    quantity: input.quantity,
    payMethod: input.payMethod,
    status: online ? "pending_payment" : "joined",
    joinedAt: at,
  });
  const completed = online ? false : await completeTeamInTx(tx, seated[0]!, at);
  return {
    teamId: team.id,
    orderId: placed.id,
    orderNumber: placed.number,
    payMethod: input.payMethod,
    needsPayment: online,
    completed,
    created: true,
  };
}

/** After commit: a team that completed settles its members' payments (card captures) right away. */
async function afterCommit(entry: TeamEntry): Promise<TeamEntry> {
  if (entry.completed && entry.created) {
    await settleTeamPayments({ teamId: entry.teamId }).catch((err: unknown) =>
      console.warn("[teams] settlement will be retried by the sweep:", (err as Error).message),
    );
  }
  return entry;
}
