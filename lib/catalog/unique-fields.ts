import "server-only";
import { AppError } from "../core/errors";
import { isUniqueViolation } from "../db";

/**
 * Runs a write and turns a clash on a unique index the person typed into (slug, SKU) into a field error.
 * The index decides, not a prior SELECT, so two people saving the same slug at once cannot both win.
 */
export async function withUniqueFields<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err, "products_slug_key"))
      throw new AppError("CONFLICT", "slug taken", { fields: { slug: ["slug_taken"] } });
    if (isUniqueViolation(err, "variants_sku_key"))
      throw new AppError("CONFLICT", "sku taken", { fields: { sku: ["sku_taken"] } });
    throw err;
  }
}
