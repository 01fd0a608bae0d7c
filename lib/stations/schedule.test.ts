import { describe, expect, it } from "vitest";
import { batchLockTime, deliveryDayFor, zonedInstant } from "./schedule";

const station = { cutoffTime: "22:00", timezone: "Asia/Shanghai" };

describe("station schedule (Asia/Shanghai, cutoff 22:00)", () => {
  it("an order one minute before the cutoff goes out tomorrow; one minute after, the day after", () => {
    expect(deliveryDayFor(station, new Date("2026-11-28T13:59:00Z"))).toBe("2026-11-29"); // 21:59 in Shanghai
    expect(deliveryDayFor(station, new Date("2026-11-28T14:01:00Z"))).toBe("2026-11-30"); // 22:01
    expect(deliveryDayFor(station, new Date("2026-11-28T14:00:00Z"))).toBe("2026-11-30"); // 22:00 sharp is after
  });

  it("judges the day in the station's zone, not UTC", () => {
    // 2026-11-28 17:00 UTC is 01:00 on the 29th in Shanghai.
    expect(deliveryDayFor(station, new Date("2026-11-28T17:00:00Z"))).toBe("2026-11-30");
  });

  it("a batch locks at the cutoff on the evening before its day", () => {
    expect(batchLockTime(station, "2026-11-30").toISOString()).toBe("2026-11-29T14:00:00.000Z");
    expect(zonedInstant("2026-07-01", "08:30", "Europe/Berlin").toISOString()).toBe("2026-07-01T06:30:00.000Z");
  });
});
