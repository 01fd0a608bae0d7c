import { afterEach, describe, expect, it, vi } from "vitest";
import { errorMessage, fieldMessage } from "./messages";

afterEach(() => vi.restoreAllMocks());

describe("texts outside React (createTranslator)", () => {
  it("error messages fill their params, and a day reads as the reader's date", () => {
    expect(errorMessage("NOT_ARRIVED", "zh-CN", { day: "2026-12-03" })).toBe("这批货还没到站,预计 12月3日(周四) 到。");
    expect(errorMessage("NOT_ARRIVED", "en", { day: "2026-12-03" })).toBe(
      "This order has not reached the station yet; it is expected Thu 3 Dec.",
    );
    expect(errorMessage("RATE_LIMITED", "zh-CN", { seconds: 30 })).toBe("尝试次数太多,请 30 秒后再试。");
    expect(errorMessage("NOT_FOUND", "en")).toBe("Not found.");
  });

  it("say 1 team / 2 teams in English", () => {
    expect(errorMessage("TEAM_LIMIT", "en", { limit: 1 })).toMatch(/^You already have 1 forming team for this deal\./);
    expect(errorMessage("TEAM_LIMIT", "en", { limit: 2 })).toMatch(/^You already have 2 forming teams for this deal\./);
    expect(errorMessage("TEAM_LIMIT", "zh-CN", { limit: 2 })).toMatch(/^你在这个拼团里已有 2 个正在拼的团/);
  });

  it("a message whose params are missing shows its template, not its key", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(errorMessage("SOLD_OUT", "zh-CN")).toBe("库存不足:{name} 已售罄或数量不够。");
    expect(warn).toHaveBeenCalled();
  });

  it("field errors by key, and an unknown key as itself", () => {
    expect(fieldMessage("too_long", "zh-CN")).toBe("太长了");
    expect(fieldMessage("too_long", "en")).not.toBe("too_long");
    expect(fieldMessage("no_such_key", "en")).toBe("no_such_key");
  });
});
