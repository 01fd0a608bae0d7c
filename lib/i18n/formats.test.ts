import { createFormatter, createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { formatDay } from "./format-day";
import { formats, TIME_ZONE } from "./formats";
import { locales } from "./locales";
import { catalogs } from "./messages";

const at = new Date("2026-12-03T11:30:05Z"); // 19:30:05 in Shanghai
const late = new Date("2026-12-03T16:05:00Z"); // 00:05 the next day in Shanghai
const format = (locale: (typeof locales)[number]) => createFormatter({ locale, formats, timeZone: TIME_ZONE });

describe("named formats", () => {
  it("show what the inline toLocaleString calls they replace showed", () => {
    for (const locale of locales) {
      const f = format(locale);
      const zone = { timeZone: "Asia/Shanghai" } as const;
      expect(f.dateTime(at, "stamp")).toBe(at.toLocaleString(locale, zone));
      expect(f.dateTime(at, "short")).toBe(
        at.toLocaleString(locale, { ...zone, dateStyle: "short", timeStyle: "short" }),
      );
      expect(f.dateTime(at, "medium")).toBe(
        at.toLocaleString(locale, { ...zone, dateStyle: "medium", timeStyle: "short" }),
      );
      expect(f.dateTime(at, "time")).toBe(
        at.toLocaleTimeString(locale, { ...zone, hour: "2-digit", minute: "2-digit" }),
      );
    }
    expect(format("zh-CN").dateTime(at, "stamp")).toBe("2026/12/3 19:30:05");
    expect(format("zh-CN").dateTime(at, "medium")).toBe("2026年12月3日 19:30");
    expect(format("en").dateTime(at, "short")).toBe("12/3/26, 7:30 PM");
  });

  it("read a show's start as a day and a 24-hour clock in Shanghai, whatever the server's zone", () => {
    expect(`${formatDay(late, "zh-CN")} ${format("zh-CN").dateTime(late, "clock")}`).toBe("12月4日(周五) 00:05");
    expect(`${formatDay(late, "en")} ${format("en").dateTime(late, "clock")}`).toBe("Fri 4 Dec 00:05");
  });

  it("format numbers inside messages: a distance and a share", () => {
    const t = (locale: (typeof locales)[number], ns: "checkout" | "coopTeamDeals") =>
      createTranslator({ locale, messages: catalogs()[locale], namespace: ns, formats, timeZone: TIME_ZONE });
    expect(t("zh-CN", "checkout")("distance", { km: 2 })).toBe("约 2.0 公里");
    expect(t("en", "checkout")("distance", { km: 12.34 })).toBe("about 12.3 km");
    expect(t("zh-CN", "coopTeamDeals")("conversion", { rate: 0.375 })).toBe("成团率 38%");
    expect(t("en", "coopTeamDeals")("conversion", { rate: 1 })).toBe("Conversion 100%");
  });
});

describe("formatDay", () => {
  it("reads like a Chinese shopping app in zh-CN and plainly in English", () => {
    expect(formatDay("2026-12-03", "zh-CN")).toBe("12月3日(周四)");
    expect(formatDay("2026-12-03", "en")).toBe("Thu 3 Dec");
    expect(formatDay("2027-01-01", "zh-CN")).toBe("1月1日(周五)");
  });

  it("shows a YYYY-MM-DD day as that day for every day of two years", () => {
    for (let i = 0; i < 731; i++) {
      const d = new Date(Date.UTC(2026, 0, 1 + i));
      const day = d.toISOString().slice(0, 10);
      const weekday = (l: string) => d.toLocaleDateString(l, { weekday: "short", timeZone: "UTC" });
      const month = d.toLocaleDateString("en", { month: "short", timeZone: "UTC" });
      expect(formatDay(day, "zh-CN")).toBe(`${d.getUTCMonth() + 1}月${d.getUTCDate()}日(${weekday("zh-CN")})`);
      expect(formatDay(day, "en")).toBe(`${weekday("en")} ${d.getUTCDate()} ${month}`);
    }
  });
});
