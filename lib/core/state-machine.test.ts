import { describe, expect, it } from "vitest";
import { defineMachine } from "./state-machine";

const m = defineMachine("door", { open: ["closed"], closed: ["open", "locked"], locked: ["closed"] });

describe("state machines", () => {
  it("allows listed transitions and refuses others with INVALID_STATE", () => {
    expect(m.can("open", "closed")).toBe(true);
    expect(() => m.assert("open", "locked")).toThrow(expect.objectContaining({ code: "INVALID_STATE" }));
    expect(m.from("closed").sort()).toEqual(["locked", "open"]);
  });
});
