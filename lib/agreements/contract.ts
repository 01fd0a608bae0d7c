import { z } from "zod";

export const agreementStatuses = ["proposed", "countered", "active", "rejected", "withdrawn", "ended"] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];
export type AgreementSide = "streamer" | "coop";
export type AgreementAction = "propose" | "counter" | "accept" | "reject" | "withdraw" | "end";

/** The highest commission a streamer may take: 50 % of the line total. */
export const MAX_RATE_BPS = 5000;
/** The longest period one agreement may run. */
export const MAX_PERIOD_DAYS = 3 * 366;

const id = z.string().trim().min(1).max(64);
const noControlChars = (v: string) => !/[\u0000-\u001f\u007f]/.test(v);

/**
 * A percentage as a person types it ("10", "12.5", "0.25") — or a JSON number — converted exactly to basis
 * points (12.5 % = 1250 bps) without floating point: at most two decimals, 0–50 %.
 */
export const ratePercent = z
  .union([z.number().transform((n) => String(n)), z.string()])
  .transform((v) =>
    v
      .trim()
      .replace(/[%％]$/, "")
      .trim(),
  )
  .pipe(z.string().regex(/^-?\d{1,3}(\.\d{1,2})?$/, "invalid_rate"))
  .transform((v) => percentToBps(v))
  .pipe(z.number().int().min(0, "rate_out_of_range").max(MAX_RATE_BPS, "rate_out_of_range"));

/** "12.5" → 1250, "-0.01" → -1: integer arithmetic on the digits. */
export function percentToBps(v: string): number {
  const negative = v.startsWith("-");
  const [whole = "0", frac = ""] = (negative ? v.slice(1) : v).split(".");
  const bps = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  return negative ? -bps : bps;
}

/** 1250 → "12.5": for pre-filling a form. */
export function bpsToPercent(bps: number): string {
  const whole = Math.floor(bps / 100);
  const frac = bps % 100;
  return frac ? `${whole}.${String(frac).padStart(2, "0").replace(/0$/, "")}` : String(whole);
}

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "invalid")
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00+08:00`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    "invalid",
  );

/** The first and the last day (Shanghai calendar days, both included) of the period. */
const period = {
  startsOn: day,
  endsOn: day,
};

const ids = z
  .union([id, z.array(id).max(200)])
  .optional()
  .transform((v) => (v === undefined ? [] : [...new Set(Array.isArray(v) ? v : [v])]));

const note = z
  .string()
  .trim()
  .max(500, "too_long")
  .refine(noControlChars, "invalid")
  .optional()
  .transform((v) => v || null);

const terms = {
  rate: ratePercent,
  ...period,
  /** "all": every product of the cooperative, now and later; "some": only `productIds`. */
  scope: z.enum(["all", "some"]).default("all"),
  productIds: ids,
  note,
};

type Terms = { startsOn: string; endsOn: string; scope: "all" | "some"; productIds: string[] };
const termsRefine = <T extends Terms>(v: T, ctx: z.RefinementCtx) => {
  if (v.endsOn < v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "end_before_start" });
  if (v.scope === "some" && v.productIds.length === 0)
    ctx.addIssue({ code: "custom", path: ["productIds"], message: "choose_products" });
};

/** The streamer asks a cooperative to carry its products. */
export const proposeAgreementInput = z.strictObject({ coopId: id, ...terms }).superRefine(termsRefine);
export type ProposeAgreementInput = z.output<typeof proposeAgreementInput>;

/** The awaited side proposes other terms. */
export const counterAgreementInput = z.strictObject({ agreementId: id, ...terms }).superRefine(termsRefine);
export type CounterAgreementInput = z.output<typeof counterAgreementInput>;

/** Accept, reject, withdraw or end: the agreement and an optional note (a reason). */
export const answerAgreementInput = z.strictObject({ agreementId: id, note });
export type AnswerAgreementInput = z.output<typeof answerAgreementInput>;

export interface AgreementEventDto {
  id: number;
  side: AgreementSide;
  action: AgreementAction;
  actorName: string | null;
  rateBps: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  /** The period the step named, as Shanghai calendar days (both included). */
  startsOn: string | null;
  endsOn: string | null;
  productIds: string[] | null;
  note: string | null;
  createdAt: Date;
}

export interface AgreementProductDto {
  id: string;
  nameZh: string;
  nameEn: string;
}

export interface AgreementDto {
  id: string;
  streamerId: string;
  streamerName: string;
  coopId: string;
  coopNameZh: string;
  coopNameEn: string;
  status: AgreementStatus;
  awaiting: AgreementSide | null;
  allProducts: boolean;
  /** The chosen products when not all. */
  products: AgreementProductDto[];
  rateBps: number;
  startsAt: Date;
  endsAt: Date;
  /** The period as Shanghai calendar days, both included. */
  startsOn: string;
  endsOn: string;
  endedAt: Date | null;
  /** Active and startsAt ≤ now < endsAt. */
  inForce: boolean;
  /** For an active one: before its period, in it, or after it (null otherwise). */
  phase: "notStarted" | "inForce" | "expired" | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface AgreementDetailDto extends AgreementDto {
  /** Which side the viewer is on. */
  viewerSide: AgreementSide;
  /** What the viewer may do now. */
  can: { accept: boolean; reject: boolean; counter: boolean; withdraw: boolean; end: boolean };
  /** Every product of the cooperative that could be carried (for the counter form). */
  coopProducts: AgreementProductDto[];
  history: AgreementEventDto[];
}

/** The terms under which a streamer sells a product right now: recorded on the order line. */
export interface CarryingTerms {
  agreementId: string;
  coopId: string;
  rateBps: number;
}
