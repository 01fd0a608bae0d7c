import "server-only";
import { defineLiteRoute } from "./lite-route";

/**
 * GET /api/me — who is signed in, as the session cookie says and its row confirms: 200 {userId, name}, or 401.
 * The cheapest authenticated answer the app gives (a phone checking its session; the drop bench's floor).
 */
export const meRoute = defineLiteRoute({ name: "me", access: "user" }, async ({ viewer }) => ({
  userId: viewer!.userId,
  name: viewer!.name,
}));
