import { describe, expect, it } from "vitest";
import { nextPeriod, periodContaining, periodOfDay, previousPeriod } from "./periods";

describe("statement periods (Asia/Shanghai weeks from Monday)", () => {
  it("a Sunday evening in UTC is already Monday in Shanghai", () => {
    // 2026-12-06 (Sunday) 16:30 UTC = Monday 2026-12-07 00:30 in Shanghai.
    const p = periodContaining("week", new Date("2026-12-06T16:30:00Z"));
    expect(p.firstDay).toBe("2026-12-07");
    expect(p.start.toISOString()).toBe("2026-12-06T16:00:00.000Z");
    expect(p.end.toISOString()).toBe("2026-12-13T16:00:00.000Z");
    expect(periodContaining("week", new Date("2026-12-06T15:59:59Z")).firstDay).toBe("2026-11-30");
  });

  it("weeks and months step across year ends", () => {
    const w = periodOfDay("week", "2026-12-31");
    expect([w.firstDay, w.endDay]).toEqual(["2026-12-28", "2027-01-04"]);
    expect(nextPeriod(w).firstDay).toBe("2027-01-04");
    expect(previousPeriod(w).firstDay).toBe("2026-12-21");
    const m = periodOfDay("month", "2026-12-15");
    expect([m.firstDay, m.endDay]).toEqual(["2026-12-01", "2027-01-01"]);
    expect(nextPeriod(m).endDay).toBe("2027-02-01");
    expect(previousPeriod(m).firstDay).toBe("2026-11-01");
  });
});
