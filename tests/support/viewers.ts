import type { Capabilities, Viewer } from "../../lib/auth/contract";
import { createUser } from "../../lib/db/seed/factories";
import type { DbOrTx } from "../../lib/db/types";

type Membership = { kind: "admin" | "coop" | "streamer" | "station"; scopeId?: string };

/** A person and the Viewer the use cases would see for them (capabilities from the given memberships). */
export async function createViewer(
  db: DbOrTx,
  opts: { name?: string; memberships?: Membership[]; phone?: string } = {},
): Promise<Viewer> {
  const user = await createUser(db, { name: opts.name ?? "买家", memberships: opts.memberships, phone: opts.phone });
  const m = opts.memberships ?? [];
  const caps: Capabilities = {
    admin: m.some((x) => x.kind === "admin"),
    streamer: m.some((x) => x.kind === "streamer"),
    coopIds: m.filter((x) => x.kind === "coop").map((x) => x.scopeId!),
    stationIds: m.filter((x) => x.kind === "station").map((x) => x.scopeId!),
  };
  return { userId: user.id, sessionId: "ses_test", name: user.name, email: user.email, phone: user.phone, caps };
}

let seq = 0;
/** A fresh idempotency key, as the checkout page would generate. */
export const idemKey = () => `test-key-${Date.now().toString(36)}-${(seq++).toString(36).padStart(6, "0")}`;
