import { describe, expect, it } from "vitest";
import { formatPickupDay } from "./schedule";

describe("formatPickupDay", () => {
  it("reads like a Chinese shopping app in zh-CN and plainly in English", () => {
    expect(formatPickupDay("2026-12-03", "zh-CN")).toBe("12月3日(周四)");
    expect(formatPickupDay("2026-12-03", "en")).toBe("Thu 3 Dec");
    expect(formatPickupDay("2027-01-01", "zh-CN")).toBe("1月1日(周五)");
  });
});
