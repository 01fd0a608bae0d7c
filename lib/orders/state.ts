import { defineMachine } from "../core/state-machine";
import type { LineStatus, OrderStatus } from "./contract";

/**
 * The order: placed → confirmed → dispatched → ready_for_pickup | out_for_delivery → completed;
 * cancelled from the early states (and from ready_for_pickup when an order is never collected).
 */
export const orderMachine = defineMachine<OrderStatus>("order", {
  // Online orders wait for their payment with their stock held; paid → placed, unpaid past the hold → cancelled.
  awaiting_payment: ["placed", "cancelled"],
  placed: ["confirmed", "dispatched", "cancelled"],
  confirmed: ["dispatched", "cancelled"],
  dispatched: ["ready_for_pickup", "out_for_delivery"],
  ready_for_pickup: ["completed", "cancelled"],
  out_for_delivery: ["completed"],
  completed: [],
  cancelled: [],
});

/** One cooperative's part of an order. */
export const lineMachine = defineMachine<LineStatus>("order line", {
  placed: ["confirmed", "cancelled"],
  confirmed: ["dispatched", "cancelled"],
  // Only an uncollected order's expiry cancels dispatched lines (the goods go back to the cooperative).
  dispatched: ["cancelled"],
  cancelled: [],
});

const lineRank: Record<LineStatus, number> = { placed: 0, confirmed: 1, dispatched: 2, cancelled: 3 };

/**
 * The order's status follows its lines while they move: every live line confirmed → confirmed,
 * every live line dispatched → dispatched, every line cancelled → cancelled. Later states belong to the
 * order itself (the station or the delivery), so they are left alone here.
 */
export function statusFromLines(current: OrderStatus, lines: readonly LineStatus[]): OrderStatus {
  if (current !== "placed" && current !== "confirmed") return current;
  const live = lines.filter((l) => l !== "cancelled");
  if (live.length === 0) return "cancelled";
  const lowest = Math.min(...live.map((l) => lineRank[l]));
  return lowest >= 2 ? "dispatched" : lowest >= 1 ? "confirmed" : "placed";
}
