import { describe, expect, it } from "vitest";
import { assertFen, formatFen, multiplyFen, parseYuan } from "./money";

describe("money in fen", () => {
  it("formats yuan for people", () => {
    expect(formatFen(6980, "zh-CN")).toBe("¥69.80");
    expect(formatFen(12800, "zh-CN")).toBe("¥128");
  });
  it("parses typed yuan exactly", () => {
    expect(parseYuan("12.5")).toBe(1250);
    expect(parseYuan("0.07")).toBe(7);
    expect(parseYuan("1e3")).toBeNull();
    expect(parseYuan("-1")).toBeNull();
  });
  it("refuses fractional or unsafe amounts", () => {
    expect(() => assertFen(1.5)).toThrow();
    expect(() => multiplyFen(2 ** 52, 4)).toThrow();
  });
});
