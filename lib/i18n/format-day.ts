/** A calendar day as people read it: zh "12月3日(周四)", en "Thu 3 Dec". `day` is YYYY-MM-DD (the station's zone). */
export function formatDay(day: string, locale: "zh-CN" | "en"): string {
  const at = new Date(`${day}T12:00:00Z`); // midday UTC: the same calendar day in every zone we serve
  const weekday = at.toLocaleDateString(locale, { weekday: "short", timeZone: "UTC" });
  if (locale === "zh-CN") return `${at.getUTCMonth() + 1}月${at.getUTCDate()}日(${weekday})`;
  return `${weekday} ${at.getUTCDate()} ${at.toLocaleDateString("en", { month: "short", timeZone: "UTC" })}`;
}
