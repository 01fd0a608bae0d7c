import "server-only";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { schema as s, type Tx } from "../db";
import { notify } from "../events";
import { cancelOrderInTx, confirmIntoBatch, lockOrder } from "../orders";
import { teamMachine, teamMemberMachine } from "./team-state";
import type { TeamMemberStatus } from "./team-contract";

type TeamRow = typeof s.teams.$inferSelect;
type MemberRow = typeof s.teamMembers.$inferSelect;

/**
 * Completes a locked, forming team when every seat is taken by a joined member (paid, authorised or paying
 * at pickup): the team moves to completed and every member's order is confirmed into its station's batch,
 * like any pickup order. Card members are marked for capture, which settlement does after commit.
 * Returns whether it completed.
 */
export async function completeTeamInTx(tx: Tx, team: TeamRow, at: Date): Promise<boolean> {
  if (team.status !== "forming" || team.seats < team.size) return false;
  const members = await tx
    .select()
    .from(s.teamMembers)
    .where(eq(s.teamMembers.teamId, team.id))
    .orderBy(asc(s.teamMembers.joinedAt));
  const live = members.filter((m) => m.status !== "dropped");
  if (live.length < team.size || live.some((m) => m.status !== "joined")) return false;
  teamMachine.assert(team.status, "completed");
  const moved = await tx
    .update(s.teams)
    .set({ status: "completed", completedAt: at, updatedAt: at })
    .where(and(eq(s.teams.id, team.id), eq(s.teams.status, "forming")))
    .returning({ id: s.teams.id });
  if (!moved.length) return false;
  team.status = "completed";
  for (const m of live) {
    const order = await lockOrder(tx, { id: m.orderId });
    if (order?.status !== "placed") continue;
    await confirmIntoBatch(tx, order, { actorId: null, at, note: "team_completed" });
    if (m.payMethod === "card") {
      await tx.update(s.teamMembers).set({ settleAction: "capture", updatedAt: at }).where(eq(s.teamMembers.id, m.id));
    } else {
      await tx
        .update(s.teamMembers)
        .set({ settleOutcome: "nothing", settledAt: at, updatedAt: at })
        .where(eq(s.teamMembers.id, m.id));
    }
    await notify(tx, {
      userId: m.userId,
      kind: "team_completed",
      params: { number: order.number },
      link: `/teams/${team.id}`,
      dedupeKey: `team_completed:${m.id}`,
    });
  }
  return true;
}

/**
 * The deadline passed first: the locked team fails, every member's order is cancelled (stock back with its
 * movement, the deal's cap back, money taken asked back once), and each member is told. Card holds and wallet
 * payments are released or refunded by settlement after commit.
 */
export async function failTeamInTx(tx: Tx, team: TeamRow, at: Date): Promise<void> {
  teamMachine.assert(team.status, "failed");
  const moved = await tx
    .update(s.teams)
    .set({ status: "failed", failedAt: at, updatedAt: at })
    .where(and(eq(s.teams.id, team.id), eq(s.teams.status, "forming")))
    .returning({ id: s.teams.id });
  if (!moved.length) return;
  team.status = "failed";
  const members = await tx
    .select()
    .from(s.teamMembers)
    .where(and(eq(s.teamMembers.teamId, team.id), inArray(s.teamMembers.status, ["pending_payment", "joined"])));
  for (const m of members) {
    const number = await releaseMemberOrder(tx, team, m, at, "team_failed");
    await tx
      .update(s.teamMembers)
      .set({
        // Someone still paying loses the seat with the team (a late payment is then released, not joined).
        ...(m.status === "pending_payment" ? { status: "dropped" as const } : {}),
        settleAction: m.payMethod === "pay_at_pickup" ? null : "release",
        ...(m.payMethod === "pay_at_pickup" ? { settleOutcome: "nothing" as const, settledAt: at } : {}),
        updatedAt: at,
      })
      .where(eq(s.teamMembers.id, m.id));
    if (number)
      await notify(tx, {
        userId: m.userId,
        kind: "team_failed",
        params: { number },
        link: `/orders/${number}`,
        dedupeKey: `team_failed:${m.id}`,
      });
  }
}

/**
 * Drops one member: their order is cancelled (stock and the deal's cap back), the member moves to dropped,
 * and a forming team frees the seat. `tell` notifies them (a capture that failed); a payment simply never
 * made is not news to the buyer.
 */
export async function dropMemberInTx(
  tx: Tx,
  team: TeamRow,
  m: MemberRow,
  at: Date,
  reason: string,
  tell: boolean,
): Promise<void> {
  teamMemberMachine.assert(m.status as TeamMemberStatus, "dropped");
  const rows = await tx
    .update(s.teamMembers)
    .set({ status: "dropped", updatedAt: at })
    .where(and(eq(s.teamMembers.id, m.id), eq(s.teamMembers.status, m.status)))
    .returning({ id: s.teamMembers.id });
  if (!rows.length) return;
  const number = await releaseMemberOrder(tx, team, m, at, reason);
  if (team.status === "forming") {
    await tx
      .update(s.teams)
      .set({ seats: sql`${s.teams.seats} - 1`, updatedAt: at })
      .where(eq(s.teams.id, team.id));
    team.seats -= 1;
  }
  if (tell && number) {
    await notify(tx, {
      userId: m.userId,
      kind: "team_member_dropped",
      params: { number },
      link: `/orders/${number}`,
      dedupeKey: `team_member_dropped:${m.id}`,
    });
  }
}

/** Cancels a member's order if it is still live, and gives its units back to the deal's cap; returns its number. */
async function releaseMemberOrder(
  tx: Tx,
  team: TeamRow,
  m: MemberRow,
  at: Date,
  reason: string,
): Promise<string | null> {
  const order = await lockOrder(tx, { id: m.orderId });
  if (!order) return null;
  if (order.status !== "cancelled") {
    await cancelOrderInTx(tx, order, { actorId: null, at, reason });
  }
  // The cap is given back once per member: callers release a member exactly once (their status guards).
  await tx
    .update(s.teamDeals)
    .set({ committed: sql`${s.teamDeals.committed} - ${m.quantity}`, updatedAt: at })
    .where(eq(s.teamDeals.id, team.dealId));
  return order.number;
}

/**
 * The sweep: teams past their deadline fail, each once, taken with FOR UPDATE SKIP LOCKED so several
 * instances share the work without doing anything twice.
 */
export async function expireTeams(tx: Tx, at: Date, limit = 20): Promise<number> {
  const due = await tx
    .select()
    .from(s.teams)
    .where(and(eq(s.teams.status, "forming"), lte(s.teams.expiresAt, at)))
    .orderBy(asc(s.teams.expiresAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  for (const team of due) await failTeamInTx(tx, team, at);
  return due.length;
}
