import "server-only";
import { defineLiteRoute } from "../auth";
import { buyDropBody, buyDropInput } from "./contract";
import { buyDrop } from "./drops";

/**
 * POST /api/live/drops/[id]/buy {quantity, idempotencyKey, stationId?, paymentMethod?} — a tap on "抢" in the live
 * room. Answered by the Node entry before Next (the lightest path a signed-in request has), and by an ordinary Next
 * route handler otherwise. 200 {number, created}; 409 SOLD_OUT (已抢光, naming the product), LIMIT_REACHED,
 * NOT_OPEN; a retry with the same key gets the same order (created: false).
 */
export const buyDropRoute = defineLiteRoute(
  { name: "buyDrop", access: "user", input: buyDropBody },
  async ({ input, viewer, params }) => {
    const { number, created } = await buyDrop(viewer, buyDropInput.parse({ ...input, dropId: params.id }));
    return { number, created };
  },
);
