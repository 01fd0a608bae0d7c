import { addDays } from "../stations";
import { MAX_REPORT_DAYS, type ReportGrain, type ReportQuery, type ReportRange } from "./contract";

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

function monthStart(day: string, offset = 0): string {
  const [y, m] = day.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return d.toISOString().slice(0, 10);
}

/**
 * The period a report covers, from its query and today (a Shanghai calendar day): a preset, or `from`–`to`
 * (swapped if reversed, clipped to two years, never past today), grouped by the grain asked for or the one that fits,
 * and the period of the same length just before it.
 */
export function resolveRange(q: ReportQuery, today: string): ReportRange {
  let from: string;
  let to = today;
  let grain: ReportGrain = "day";
  switch (q.range) {
    case "7d":
      from = addDays(today, -6);
      break;
    case "thisMonth":
      from = monthStart(today);
      break;
    case "lastMonth":
      from = monthStart(today, -1);
      to = addDays(monthStart(today), -1);
      break;
    case "12w":
      from = addDays(today, -83);
      grain = "week";
      break;
    case "year":
      from = addDays(today, -364);
      grain = "month";
      break;
    case "custom": {
      const a = q.from ?? addDays(today, -29);
      const b = q.to ?? today;
      [from, to] = a <= b ? [a, b] : [b, a];
      if (to > today) to = today;
      if (from > to) from = to;
      if (daysBetween(from, to) > MAX_REPORT_DAYS) from = addDays(to, -(MAX_REPORT_DAYS - 1));
      const span = daysBetween(from, to);
      grain = span > 120 ? "month" : span > 45 ? "week" : "day";
      break;
    }
    default:
      from = addDays(today, -29);
  }
  const days = daysBetween(from, to);
  return {
    preset: q.range,
    from,
    to,
    grain: q.grain ?? grain,
    previousFrom: addDays(from, -days),
    previousTo: addDays(from, -1),
    days,
  };
}

/** The first day of the bucket `day` falls in. */
export function bucketOf(day: string, grain: ReportGrain): string {
  if (grain === "day") return day;
  if (grain === "month") return monthStart(day);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** Every bucket of a period, in order (so a chart shows the empty ones too). */
export function bucketsOf(range: Pick<ReportRange, "from" | "to" | "grain">): string[] {
  const out: string[] = [];
  for (let b = bucketOf(range.from, range.grain); b <= range.to;) {
    out.push(b);
    b = range.grain === "day" ? addDays(b, 1) : range.grain === "week" ? addDays(b, 7) : monthStart(b, 1);
  }
  return out;
}
