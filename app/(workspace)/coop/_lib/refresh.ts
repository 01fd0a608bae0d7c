import { revalidatePath } from "next/cache";

/** After a catalog or stock change: every coop page shows stock, prices and status, and so does the shop's product page. */
export function refreshCoopPages(): void {
  revalidatePath("/coop", "layout");
  revalidatePath("/products/[slug]", "page");
}
