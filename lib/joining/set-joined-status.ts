import "server-only";
import { eq } from "drizzle-orm";
import { assertAdmin } from "../auth";
import type { Viewer } from "../auth/contract";
import { recordAudit } from "../audit";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getDb, schema as s, type Tx } from "../db";
import type { ApplicationKind, JoinedStatusInput } from "./contract";
import { joinedMachine } from "./state";

type Status = "active" | "suspended";

/** Each kind's row: how to read its status as active/suspended and how to write one back. */
const kinds: Record<
  ApplicationKind,
  {
    entity: string;
    read: (tx: Tx, id: string) => Promise<Status | null>;
    write: (tx: Tx, id: string, to: Status) => Promise<void>;
  }
> = {
  coop: {
    entity: "cooperative",
    async read(tx, id) {
      const [r] = await tx
        .select({ status: s.cooperatives.status })
        .from(s.cooperatives)
        .where(eq(s.cooperatives.id, id))
        .for("update");
      // A cooperative still pending approval has nothing to suspend.
      if (!r || r.status === "pending") return null;
      return r.status === "approved" ? "active" : "suspended";
    },
    async write(tx, id, to) {
      await tx
        .update(s.cooperatives)
        .set({ status: to === "active" ? "approved" : "suspended" })
        .where(eq(s.cooperatives.id, id));
    },
  },
  streamer: {
    entity: "streamer_profile",
    async read(tx, id) {
      const [r] = await tx
        .select({ status: s.streamerProfiles.status })
        .from(s.streamerProfiles)
        .where(eq(s.streamerProfiles.userId, id))
        .for("update");
      return r?.status ?? null;
    },
    async write(tx, id, to) {
      await tx
        .update(s.streamerProfiles)
        .set({ status: to, updatedAt: now() })
        .where(eq(s.streamerProfiles.userId, id));
    },
  },
  station: {
    entity: "station",
    async read(tx, id) {
      const [r] = await tx
        .select({ status: s.stations.status })
        .from(s.stations)
        .where(eq(s.stations.id, id))
        .for("update");
      return r?.status ?? null;
    },
    async write(tx, id, to) {
      await tx.update(s.stations).set({ status: to, updatedAt: now() }).where(eq(s.stations.id, id));
    },
  },
};

/**
 * Admin: suspends or reinstates a cooperative, a streamer or a station. Capabilities are read from memberships
 * joined with these statuses on every request (lib/auth loadCapabilities), so the members lose the workspace on
 * their next request and get it back on reinstatement. Audit row in the same transaction.
 */
export async function setJoinedStatus(viewer: Viewer | null, input: JoinedStatusInput): Promise<void> {
  assertAdmin(viewer);
  const kind = kinds[input.kind];
  const db = await getDb();
  await db.transaction(async (tx) => {
    const from = await kind.read(tx, input.id);
    if (!from) throw new AppError("NOT_FOUND", `${kind.entity} not found`);
    joinedMachine.assert(from, input.status);
    await kind.write(tx, input.id, input.status);
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: `${kind.entity}.${input.status === "suspended" ? "suspend" : "reinstate"}`,
      entityKind: kind.entity,
      entityId: input.id,
      before: { status: from },
      after: { status: input.status },
    });
  });
}
