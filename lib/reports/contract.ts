import { z } from "zod";

/** Where an order was made, as the reports split it (the order's channel). */
export const reportChannels = ["shop", "campaign", "team", "live", "replay"] as const;
export type ReportChannel = (typeof reportChannels)[number];
export const reportGrains = ["day", "week", "month"] as const;
export type ReportGrain = (typeof reportGrains)[number];
/** The period pickers' choices; "custom" takes `from` and `to`. */
export const reportPresets = ["7d", "30d", "thisMonth", "lastMonth", "12w", "year", "custom"] as const;
export type ReportPreset = (typeof reportPresets)[number];

/** The longest period a report covers (two years and a day). */
export const MAX_REPORT_DAYS = 732;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v));

/** A report page's query: a preset period (default the last 30 days) or `from`–`to`, and how to group the days. */
export const reportQuery = z.object({
  range: z.enum(reportPresets).catch("30d").default("30d"),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  grain: z.enum(reportGrains).optional().catch(undefined),
});
export type ReportQuery = z.output<typeof reportQuery>;

/** A report's CSV: which report, whose, which table, and the same period as the page. */
export const reportCsvInput = z.strictObject({
  report: z.enum(["coop", "station", "admin", "session"]),
  id: z.string().trim().min(1).max(64),
  table: z.string().regex(/^[a-z]{2,20}$/),
  range: z.enum(reportPresets).optional(),
  from: day.optional(),
  to: day.optional(),
  grain: z.enum(reportGrains).optional(),
});
export type ReportCsvInput = z.output<typeof reportCsvInput>;

export interface ReportRange {
  preset: ReportPreset;
  from: string;
  to: string;
  grain: ReportGrain;
  /** The period just before, as long as this one: what the figures are compared with. */
  previousFrom: string;
  previousTo: string;
  days: number;
}

export interface Figures {
  revenueFen: number;
  orders: number;
  units: number;
  refundsFen: number;
  netFen: number;
}

/**
 * A table of a report, with stable column keys (the CSV's header; the page's labels come from the catalog). A name
 * comes in two columns, `<key>_zh` and `<key>_en`: the page shows the one in the reader's language, the CSV both.
 */
export interface ReportTable {
  id: string;
  columns: { key: string; kind: "text" | "day" | "instant" | "fen" | "int" | "percent" | "days" | "minutes" }[];
  rows: (string | number | null)[][];
}

export interface SeriesSet {
  /** The buckets' first days (YYYY-MM-DD) or, for time series, ISO instants. */
  categories: string[];
  series: { key: string; values: number[] }[];
}

export interface CoopReport {
  coop: { id: string; nameZh: string; nameEn: string };
  range: ReportRange;
  totals: Figures;
  previous: Figures;
  /** Revenue per bucket and channel (every channel, in `reportChannels` order). */
  revenueByChannel: SeriesSet;
  ordersByChannel: SeriesSet;
  tables: {
    buckets: ReportTable;
    channels: ReportTable;
    fulfillment: ReportTable;
    products: ReportTable;
    stock: ReportTable;
    teams: ReportTable;
  };
  asOf: Date;
}

export interface StationReport {
  station: { id: string; nameZh: string; nameEn: string };
  range: ReportRange;
  totals: {
    handedOver: number;
    uncollected: number;
    uncollectedRate: number | null;
    cashFen: number;
    medianWaitMinutes: number | null;
  };
  previous: { handedOver: number; uncollected: number; cashFen: number };
  handedOverByDay: SeriesSet;
  tables: { days: ReportTable };
  asOf: Date;
}

export interface AdminReport {
  range: ReportRange;
  totals: { revenueFen: number; orders: number; activeBuyers: number };
  previous: { revenueFen: number; orders: number; activeBuyers: number };
  weekly: SeriesSet;
  tables: { weeks: ReportTable; coops: ReportTable; stations: ReportTable; streamers: ReportTable };
  asOf: Date;
}

export interface SessionReport {
  session: {
    id: string;
    title: string;
    streamerName: string;
    status: string;
    startedAt: Date | null;
    endedAt: Date | null;
  };
  totals: {
    peakViewers: number;
    averageViewers: number;
    orders: number;
    units: number;
    revenueFen: number;
    buyers: number;
    /** Buyers ÷ peak viewers (null without viewers). */
    conversion: number | null;
  };
  viewers: SeriesSet;
  tables: { pins: ReportTable; drops: ReportTable; viewers: ReportTable };
  asOf: Date;
}
