import { z } from "zod";
import { yuanPrice } from "../catalog/contract";
import { quantitySchema } from "../inventory/contract";

const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "invalid");
const count = (min: number) =>
  z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^\d{1,6}$/, "invalid")
        .transform(Number),
    ])
    .pipe(z.number().int("invalid").min(min, "invalid").max(1_000_000, "too_large"));

/** A cooperative's 社区团购 campaign. Times are typed as Shanghai wall-clock times ("2026-12-01T20:00"). */
export const createCampaignInput = z
  .strictObject({
    variantId: z.string().min(1).max(64),
    titleZh: z.string().trim().min(1, "required").max(60, "too_long"),
    titleEn: z.string().trim().min(1, "required").max(80, "too_long"),
    price: yuanPrice,
    stockCap: count(1),
    minTotalQuantity: z.union([z.literal(""), count(1)]).optional(),
    opensAt: localDateTime,
    closesAt: localDateTime,
    pickupDay: z.iso.date("invalid"),
    stations: z.union([z.literal("all"), z.string().max(64), z.array(z.string().max(64)).max(200)]),
  })
  .superRefine((v, ctx) => {
    if (v.closesAt <= v.opensAt) ctx.addIssue({ code: "custom", path: ["closesAt"], message: "close_before_open" });
    if (v.pickupDay <= v.closesAt.slice(0, 10))
      ctx.addIssue({ code: "custom", path: ["pickupDay"], message: "pickup_before_close" });
    if (typeof v.minTotalQuantity === "number" && v.minTotalQuantity > v.stockCap)
      ctx.addIssue({ code: "custom", path: ["minTotalQuantity"], message: "above_cap" });
  });
export type CreateCampaignInput = z.infer<typeof createCampaignInput>;

export const orderCampaignInput = z.strictObject({
  campaignId: z.string().min(1).max(64),
  stationId: z.string().min(1).max(64),
  quantity: quantitySchema,
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "invalid"),
});
export type OrderCampaignInput = z.output<typeof orderCampaignInput>;

export type CampaignStatus = "open" | "succeeded" | "failed" | "cancelled";

export interface CampaignCardDto {
  id: string;
  titleZh: string;
  titleEn: string;
  productSlug: string;
  productNameZh: string;
  productNameEn: string;
  variantLabelZh: string;
  variantLabelEn: string;
  imagePath: string | null;
  coopNameZh: string;
  coopNameEn: string;
  priceFen: number;
  regularPriceFen: number;
  stockCap: number;
  sold: number;
  minTotalQuantity: number | null;
  opensAt: Date;
  closesAt: Date;
  pickupDay: string;
  status: CampaignStatus;
}

export interface CampaignDetailDto extends CampaignCardDto {
  stations: {
    id: string;
    nameZh: string;
    nameEn: string;
    townZh: string;
    townEn: string;
    addressZh: string;
    addressEn: string;
  }[];
}

/** Where a campaign stands at `now`: upcoming, open for orders, or over. */
export function campaignPhase(
  c: { opensAt: Date; closesAt: Date; status: CampaignStatus },
  now: Date,
): "upcoming" | "open" | "closed" {
  if (c.status !== "open" || now >= c.closesAt) return "closed";
  return now < c.opensAt ? "upcoming" : "open";
}
export * from "./team-contract";
