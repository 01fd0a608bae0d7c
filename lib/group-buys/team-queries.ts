import "server-only";
import { and, asc, desc, eq, gt, inArray } from "drizzle-orm";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { getDb, schema as s } from "../db";
import { dealQuery } from "./team-deals";
import {
  avatarHue,
  dealOpen,
  maskName,
  type OpenTeamCardDto,
  type TeamDealDto,
  type TeamViewDto,
} from "./team-contract";

const stationCols = { id: s.stations.id, nameZh: s.stations.nameZh, nameEn: s.stations.nameEn };

/**
 * A team as its page shows it, to anyone with the link: members only masked (first character, initials,
 * a colour), never their names, ids or orders — except the viewer's own order.
 */
export async function getTeamView(viewer: Viewer | null, teamId: string): Promise<TeamViewDto | null> {
  const db = await getDb();
  const [team] = await db.select().from(s.teams).where(eq(s.teams.id, teamId));
  if (!team) return null;
  const [deal] = await dealQuery(db).where(eq(s.teamDeals.id, team.dealId));
  if (!deal) return null;
  const [station] = team.stationId
    ? await db.select(stationCols).from(s.stations).where(eq(s.stations.id, team.stationId))
    : [];
  const members = await db
    .select({
      id: s.teamMembers.id,
      userId: s.teamMembers.userId,
      status: s.teamMembers.status,
      payMethod: s.teamMembers.payMethod,
      name: s.users.name,
      orderNumber: s.orders.number,
    })
    .from(s.teamMembers)
    .innerJoin(s.users, eq(s.users.id, s.teamMembers.userId))
    .innerJoin(s.orders, eq(s.orders.id, s.teamMembers.orderId))
    .where(eq(s.teamMembers.teamId, team.id))
    .orderBy(asc(s.teamMembers.joinedAt), asc(s.teamMembers.createdAt), asc(s.teamMembers.id));
  const shown = team.status === "failed" ? members : members.filter((m) => m.status !== "dropped");
  const joined = members.filter((m) => m.status === "joined").length;
  const mine = viewer ? members.find((m) => m.userId === viewer.userId) : undefined;
  const at = now();
  return {
    id: team.id,
    status: team.status,
    size: team.size,
    seats: team.seats,
    joined,
    // Open seats: a member still paying holds theirs (shown as pending), so "还差 N 人" counts only free ones.
    missing: team.status === "completed" ? 0 : Math.max(0, team.size - team.seats),
    expiresAt: team.expiresAt.toISOString(),
    serverNow: at.getTime(),
    station: station ?? null,
    members: shown.map((m, i) => ({
      seat: i + 1,
      maskedName: maskName(m.name),
      initial: [...m.name.trim()][0] ?? "?",
      hue: avatarHue(m.id),
      leader: m.userId === team.leaderId,
      pending: m.status === "pending_payment",
      you: m.userId === viewer?.userId,
    })),
    deal,
    mine: mine ? { orderNumber: mine.orderNumber, status: mine.status, payMethod: mine.payMethod } : null,
  };
}

export interface ProductTeamDealsDto {
  deal: TeamDealDto;
  open: boolean;
  teams: OpenTeamCardDto[];
}

/**
 * The team deals of a product for its page: each active deal with its forming teams that still have a seat,
 * soonest deadline first (station-scoped teams at the viewer's station first when one is given).
 */
export async function listProductTeamDeals(
  productId: string,
  opts: { stationId?: string | null } = {},
): Promise<ProductTeamDealsDto[]> {
  const db = await getDb();
  const at = now();
  const deals = await dealQuery(db)
    .where(and(eq(s.products.id, productId), eq(s.teamDeals.status, "active"), gt(s.teamDeals.activeTo, at)))
    .orderBy(asc(s.teamDeals.teamPriceFen));
  if (!deals.length) return [];
  const teams = await db
    .select({
      id: s.teams.id,
      dealId: s.teams.dealId,
      size: s.teams.size,
      seats: s.teams.seats,
      expiresAt: s.teams.expiresAt,
      leaderId: s.teams.leaderId,
      leaderName: s.users.name,
      station: stationCols,
      stationId: s.teams.stationId,
    })
    .from(s.teams)
    .innerJoin(s.users, eq(s.users.id, s.teams.leaderId))
    .leftJoin(s.stations, eq(s.stations.id, s.teams.stationId))
    .where(
      and(
        inArray(
          s.teams.dealId,
          deals.map((d) => d.id),
        ),
        eq(s.teams.status, "forming"),
        gt(s.teams.expiresAt, at),
      ),
    )
    .orderBy(asc(s.teams.expiresAt))
    .limit(200);
  return deals.map((deal) => {
    const mine = teams
      .filter((t) => t.dealId === deal.id && t.seats < t.size)
      .map<OpenTeamCardDto>((t) => {
        return {
          id: t.id,
          dealId: t.dealId,
          size: t.size,
          seats: t.seats,
          missing: t.size - t.seats,
          expiresAt: t.expiresAt.toISOString(),
          station: t.stationId && t.station ? t.station : null,
          leader: {
            maskedName: maskName(t.leaderName),
            initial: [...t.leaderName.trim()][0] ?? "?",
            hue: avatarHue(t.leaderId),
          },
        };
      })
      .sort(
        (a, b) =>
          Number(b.station?.id === opts.stationId && !!opts.stationId) -
          Number(a.station?.id === opts.stationId && !!opts.stationId),
      );
    return { deal, open: dealOpen(deal, at), teams: mine.slice(0, 10) };
  });
}

/** The teams a buyer is in, newest first (for their own pages). */
export async function listMyTeams(viewer: Viewer, limit = 20) {
  const db = await getDb();
  return db
    .select({
      teamId: s.teams.id,
      status: s.teams.status,
      size: s.teams.size,
      seats: s.teams.seats,
      expiresAt: s.teams.expiresAt,
      orderNumber: s.orders.number,
    })
    .from(s.teamMembers)
    .innerJoin(s.teams, eq(s.teams.id, s.teamMembers.teamId))
    .innerJoin(s.orders, eq(s.orders.id, s.teamMembers.orderId))
    .where(eq(s.teamMembers.userId, viewer.userId))
    .orderBy(desc(s.teamMembers.joinedAt))
    .limit(limit);
}

/** The station a buyer last picked up at (their "near me" for station-scoped teams), if any. */
export async function usualPickupStation(
  viewer: Viewer | null,
): Promise<{ id: string; nameZh: string; nameEn: string } | null> {
  if (!viewer) return null;
  const db = await getDb();
  const [row] = await db
    .select(stationCols)
    .from(s.orders)
    .innerJoin(s.stations, eq(s.stations.id, s.orders.stationId))
    .where(and(eq(s.orders.buyerId, viewer.userId), eq(s.stations.status, "active")))
    .orderBy(desc(s.orders.placedAt))
    .limit(1);
  return row ?? null;
}
