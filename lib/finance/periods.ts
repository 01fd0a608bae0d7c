import { addDays, localDate, zonedInstant } from "../stations";

/** Statements run on the platform's one time zone (ARCHITECTURE: Asia/Shanghai); weeks start on Monday. */
export const FINANCE_TIME_ZONE = "Asia/Shanghai";

export type PeriodKind = "week" | "month";

export interface Period {
  kind: PeriodKind;
  /** First calendar day and the day after the last ("YYYY-MM-DD", Shanghai). */
  firstDay: string;
  endDay: string;
  start: Date;
  end: Date;
}

const at0 = (day: string) => zonedInstant(day, "00:00", FINANCE_TIME_ZONE);

function build(kind: PeriodKind, firstDay: string, endDay: string): Period {
  return { kind, firstDay, endDay, start: at0(firstDay), end: at0(endDay) };
}

function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

function monthAfter(firstDay: string): string {
  const [y, m] = firstDay.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/** The period of `kind` that contains the calendar day `day` (Shanghai). */
export function periodOfDay(kind: PeriodKind, day: string): Period {
  if (kind === "week") {
    const first = mondayOf(day);
    return build("week", first, addDays(first, 7));
  }
  const first = `${day.slice(0, 7)}-01`;
  return build("month", first, monthAfter(first));
}

export function periodContaining(kind: PeriodKind, at: Date): Period {
  return periodOfDay(kind, localDate(at, FINANCE_TIME_ZONE));
}

export function previousPeriod(p: Period): Period {
  return periodOfDay(p.kind, addDays(p.firstDay, -1));
}

export function nextPeriod(p: Period): Period {
  return periodOfDay(p.kind, p.endDay);
}

/** The last calendar day of a period, for showing it ("12月7日–12月13日"). */
export const lastDayOf = (p: Period) => addDays(p.endDay, -1);
