import { describe, expect, it } from "vitest";
import { orderStatuses, lineStatuses, type LineStatus, type OrderStatus } from "./contract";
import { lineMachine, orderMachine, statusFromLines } from "./state";

const allowed: Record<OrderStatus, OrderStatus[]> = {
  awaiting_payment: ["placed", "cancelled"],
  placed: ["confirmed", "dispatched", "cancelled"],
  confirmed: ["dispatched", "cancelled"],
  dispatched: ["ready_for_pickup", "out_for_delivery"],
  ready_for_pickup: ["completed", "cancelled"],
  out_for_delivery: ["completed"],
  completed: [],
  cancelled: [],
};

describe("order state machine", () => {
  for (const from of orderStatuses) {
    for (const to of orderStatuses) {
      const ok = allowed[from].includes(to);
      it(`${from} → ${to}: ${ok ? "allowed" : "refused"}`, () => {
        if (ok) expect(() => orderMachine.assert(from, to)).not.toThrow();
        else expect(() => orderMachine.assert(from, to)).toThrow(expect.objectContaining({ code: "INVALID_STATE" }));
      });
    }
  }
});

describe("line state machine", () => {
  const lineAllowed: Record<LineStatus, LineStatus[]> = {
    placed: ["confirmed", "cancelled"],
    confirmed: ["dispatched", "cancelled"],
    dispatched: ["cancelled"],
    cancelled: [],
  };
  for (const from of lineStatuses)
    for (const to of lineStatuses) {
      it(`${from} → ${to}`, () => expect(lineMachine.can(from, to)).toBe(lineAllowed[from].includes(to)));
    }
});

describe("the order follows its lines", () => {
  it.each([
    ["placed", ["placed", "confirmed"], "placed"],
    ["placed", ["confirmed", "confirmed"], "confirmed"],
    ["placed", ["confirmed", "cancelled"], "confirmed"],
    ["confirmed", ["dispatched", "confirmed"], "confirmed"],
    ["confirmed", ["dispatched", "dispatched"], "dispatched"],
    ["placed", ["dispatched", "cancelled"], "dispatched"],
    ["confirmed", ["cancelled", "cancelled"], "cancelled"],
    ["ready_for_pickup", ["dispatched"], "ready_for_pickup"],
  ] as const)("%s with lines %j → %s", (current, lines, expected) => {
    expect(statusFromLines(current, lines)).toBe(expected);
  });
});
