import "server-only";
import { eq, inArray } from "drizzle-orm";
import { assertCoopMember, assertStationManager, assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { schema as s, type DbOrTx } from "../db";
import type { Party, PartyKind } from "../ledger/contract";

/** Someone's own party only: a cooperative's members, the streamer themself, a station's managers (and admins). */
export function assertParty(viewer: Viewer | null, party: Party): asserts viewer is Viewer {
  assertViewer(viewer);
  if (party.kind === "coop") return assertCoopMember(viewer, party.id);
  if (party.kind === "station") return assertStationManager(viewer, party.id);
  if (!viewer.caps.admin && !(viewer.caps.streamer && viewer.userId === party.id))
    throw new AppError("NOT_FOUND", "streamer not found");
}

/** The party's own people only (no admin): who may set up where its money goes. */
export function assertOwnParty(viewer: Viewer | null, party: Party): asserts viewer is Viewer {
  assertViewer(viewer);
  const own =
    party.kind === "coop"
      ? viewer.caps.coopIds.includes(party.id)
      : party.kind === "station"
        ? viewer.caps.stationIds.includes(party.id)
        : viewer.caps.streamer && viewer.userId === party.id;
  if (!own) throw new AppError("NOT_FOUND", `${party.kind} not found`);
}

export interface PartyName {
  nameZh: string;
  nameEn: string;
}

/** Display names of parties, by `kind:id`. */
export async function partyNames(db: DbOrTx, parties: readonly Party[]): Promise<Map<string, PartyName>> {
  const out = new Map<string, PartyName>();
  const ids = (kind: PartyKind) => [...new Set(parties.filter((p) => p.kind === kind).map((p) => p.id))];
  const coops = ids("coop");
  const stations = ids("station");
  const streamers = ids("streamer");
  if (coops.length)
    for (const c of await db
      .select({ id: s.cooperatives.id, nameZh: s.cooperatives.nameZh, nameEn: s.cooperatives.nameEn })
      .from(s.cooperatives)
      .where(inArray(s.cooperatives.id, coops)))
      out.set(`coop:${c.id}`, c);
  if (stations.length)
    for (const st of await db
      .select({ id: s.stations.id, nameZh: s.stations.nameZh, nameEn: s.stations.nameEn })
      .from(s.stations)
      .where(inArray(s.stations.id, stations)))
      out.set(`station:${st.id}`, st);
  if (streamers.length)
    for (const u of await db
      .select({ id: s.users.id, name: s.users.name, display: s.streamerProfiles.displayName })
      .from(s.users)
      .leftJoin(s.streamerProfiles, eq(s.streamerProfiles.userId, s.users.id))
      .where(inArray(s.users.id, streamers)))
      out.set(`streamer:${u.id}`, { nameZh: u.display ?? u.name, nameEn: u.display ?? u.name });
  return out;
}

export const partyKey = (p: Party) => `${p.kind}:${p.id}`;
