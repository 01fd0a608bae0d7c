import "server-only";
import { eq } from "drizzle-orm";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { getDb, schema as s } from "../db";
import type { ArchiveVariantInput } from "./contract-manage";
import { ownVariantOrThrow } from "./own-product";
import { variantMachine } from "./product-state";

/** Takes a variant off sale for good. Carts then show it as unavailable; past orders keep it. */
export async function archiveVariant(viewer: Viewer | null, input: ArchiveVariantInput): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { variant } = await ownVariantOrThrow(tx, viewer, input, { forUpdate: true });
    variantMachine.assert(variant.status, "archived");
    await tx.update(s.variants).set({ status: "archived", updatedAt: now() }).where(eq(s.variants.id, variant.id));
  });
}
