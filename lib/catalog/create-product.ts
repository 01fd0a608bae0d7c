import "server-only";
import { eq } from "drizzle-orm";
import { assertCoopMember } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { newId } from "../core/ids";
import { getDb, schema as s } from "../db";
import type { CreateProductInput } from "./contract-manage";
import { productPinyin } from "./product-pinyin";
import { withUniqueFields } from "./unique-fields";

/** A member adds a product to their cooperative. It starts as a draft without variants or stock. */
export async function createProduct(viewer: Viewer | null, input: CreateProductInput): Promise<{ id: string }> {
  assertCoopMember(viewer, input.coopId);
  const db = await getDb();
  const id = newId("prd");
  await withUniqueFields(() =>
    db.transaction(async (tx) => {
      const [coop] = await tx
        .select({ id: s.cooperatives.id })
        .from(s.cooperatives)
        .where(eq(s.cooperatives.id, input.coopId));
      if (!coop) throw new AppError("NOT_FOUND", "cooperative not found");
      await tx
        .insert(s.products)
        .values({ ...input, ...productPinyin(input.nameZh, input.namePinyin), id, status: "draft" });
    }),
  );
  return { id };
}
