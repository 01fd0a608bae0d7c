import { z } from "zod";
import { yuanPrice } from "../catalog/contract";
import { quantitySchema } from "../inventory/contract";

/** 拼团 rules that the schema, the use cases and the forms share. */
export const teamLimits = {
  minSize: 2,
  maxSize: 50,
  defaultFormingHours: 24,
  maxFormingHours: 72,
  /** A card authorisation is held by the issuer for 7 days; capture must happen well inside it. */
  authorisationValidityHours: 7 * 24,
  /** Time settlement may need after a team completes (retries of a capture) before the hold lapses. */
  settlementMarginHours: 24,
  maxQuantity: 10,
  maxOpenTeamsPerBuyer: 5,
} as const;

const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "invalid");
const intField = (min: number, max: number) =>
  z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^-?\d{1,7}$/, "invalid")
        .transform(Number),
    ])
    .pipe(z.number().int("invalid").min(min, "invalid").max(max, "too_large"));
const checkbox = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .transform((v) => v === true || v === "on" || v === "true");

/** A cooperative's team deal. Times are Shanghai wall-clock ("2026-12-01T20:00"); the price is in yuan. */
export const createTeamDealInput = z
  .strictObject({
    variantId: z.string().min(1).max(64),
    teamPrice: yuanPrice,
    teamSize: intField(teamLimits.minSize, teamLimits.maxSize),
    formingHours: z
      .union([z.literal(""), intField(1, 10_000)])
      .optional()
      .transform((v) => (v === "" || v === undefined ? teamLimits.defaultFormingHours : v)),
    stockCap: intField(1, 1_000_000),
    sameStationOnly: checkbox.optional().default(false),
    maxOpenTeamsPerBuyer: z
      .union([z.literal(""), intField(1, teamLimits.maxOpenTeamsPerBuyer)])
      .optional()
      .transform((v) => (v === "" || v === undefined ? 1 : v)),
    activeFrom: localDateTime,
    activeTo: localDateTime,
  })
  .superRefine((v, ctx) => {
    if (v.formingHours > teamLimits.maxFormingHours)
      ctx.addIssue({ code: "custom", path: ["formingHours"], message: "forming_too_long" });
    // A card member is authorised when they join and captured when the team completes: the whole forming
    // time plus settlement must fit inside the authorisation's validity, or the capture would fail.
    if (v.formingHours + teamLimits.settlementMarginHours > teamLimits.authorisationValidityHours) {
      ctx.addIssue({ code: "custom", path: ["formingHours"], message: "past_authorisation" });
    }
    if (v.activeTo <= v.activeFrom) ctx.addIssue({ code: "custom", path: ["activeTo"], message: "close_before_open" });
    if (v.stockCap < v.teamSize) ctx.addIssue({ code: "custom", path: ["stockCap"], message: "cap_below_team" });
  });
export type CreateTeamDealInput = z.output<typeof createTeamDealInput>;
/** The cooperative stops a deal taking new teams. */
export const endTeamDealInput = z.strictObject({ dealId: z.string().min(1).max(64) });

export const teamPayMethodSchema = z.enum(["pay_at_pickup", "card", "wallet"]);
export type TeamPayMethod = z.infer<typeof teamPayMethodSchema>;

const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "invalid");

/** 开团: open a new team of a deal. */
export const openTeamInput = z.strictObject({
  dealId: z.string().min(1).max(64),
  stationId: z.string().min(1).max(64),
  quantity: quantitySchema.pipe(z.number().max(teamLimits.maxQuantity, "too_large")).optional().default(1),
  payMethod: teamPayMethodSchema.optional().default("pay_at_pickup"),
  idempotencyKey,
});
export type OpenTeamInput = z.output<typeof openTeamInput>;

/** 参团: join a forming team. */
export const joinTeamInput = z.strictObject({
  teamId: z.string().min(1).max(64),
  stationId: z.string().min(1).max(64),
  quantity: quantitySchema.pipe(z.number().max(teamLimits.maxQuantity, "too_large")).optional().default(1),
  payMethod: teamPayMethodSchema.optional().default("pay_at_pickup"),
  idempotencyKey,
});
export type JoinTeamInput = z.output<typeof joinTeamInput>;
/** Pay for a team seat online (again). */
export const payTeamInput = z.strictObject({ orderNumber: z.string().min(1).max(20) });

export type TeamStatus = "forming" | "completed" | "failed";
export type TeamMemberStatus = "pending_payment" | "joined" | "dropped";

export interface TeamDealDto {
  id: string;
  coopId: string;
  variantId: string;
  productSlug: string;
  productNameZh: string;
  productNameEn: string;
  variantLabelZh: string;
  variantLabelEn: string;
  imagePath: string | null;
  teamPriceFen: number;
  regularPriceFen: number;
  teamSize: number;
  formingMinutes: number;
  stockCap: number;
  committed: number;
  sameStationOnly: boolean;
  maxOpenTeamsPerBuyer: number;
  activeFrom: Date;
  activeTo: Date;
  status: "active" | "ended";
}

/** A member as anyone may see them: masked name and initials, never who they are. */
export interface TeamMemberDto {
  seat: number;
  maskedName: string;
  initial: string;
  /** 0–7: a stable avatar colour. */
  hue: number;
  leader: boolean;
  pending: boolean;
  you: boolean;
}

export interface TeamViewDto {
  id: string;
  status: TeamStatus;
  size: number;
  seats: number;
  /** Members whose payment is settled enough to count (paid, authorised, or pay at pickup). */
  joined: number;
  missing: number;
  expiresAt: string;
  serverNow: number;
  station: { id: string; nameZh: string; nameEn: string } | null;
  members: TeamMemberDto[];
  deal: TeamDealDto;
  /** The viewer's own membership, if any: their order and how it stands. */
  mine: { orderNumber: string; status: TeamMemberStatus; payMethod: TeamPayMethod } | null;
}

export interface OpenTeamCardDto {
  id: string;
  dealId: string;
  size: number;
  seats: number;
  missing: number;
  expiresAt: string;
  station: { id: string; nameZh: string; nameEn: string } | null;
  leader: { maskedName: string; initial: string; hue: number };
}

export interface CoopTeamDealDto extends TeamDealDto {
  teams: { forming: number; completed: number; failed: number };
  /** Completed teams over teams that ended (completed + failed); null before any ended. */
  conversion: number | null;
  /** Units held by live members (forming and completed teams). */
  unitsCommitted: number;
  members: number;
}

/** "张小禾" → "张**", "Anna" → "A***": enough to recognise a neighbour, not to identify a stranger. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "*";
  return chars[0] + "*".repeat(Math.max(1, Math.min(chars.length - 1, 3)));
}

export function avatarHue(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % 8;
}

/** Whether a deal takes new teams at `now`. */
export function dealOpen(d: { activeFrom: Date; activeTo: Date; status: string }, now: Date): boolean {
  return d.status === "active" && now >= d.activeFrom && now < d.activeTo;
}
