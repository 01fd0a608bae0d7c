import { z } from "zod";
import { quantitySchema } from "../inventory/contract";

export const orderStatuses = [
  "awaiting_payment",
  "placed",
  "confirmed",
  "dispatched",
  "ready_for_pickup",
  "out_for_delivery",
  "completed",
  "cancelled",
] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const lineStatuses = ["placed", "confirmed", "dispatched", "cancelled"] as const;
export type LineStatus = (typeof lineStatuses)[number];
export type Fulfillment = "pickup" | "delivery";
export type PaymentMethod = "pay_at_pickup" | "cash_on_delivery" | "online";

/** Orders the buyer may still cancel themselves: before anything is dispatched. */
export const buyerCancellable: readonly OrderStatus[] = ["awaiting_payment", "placed", "confirmed"];

export const DELIVERY_FEE_FEN = 800;
export const FREE_DELIVERY_FROM_FEN = 9900;

export function deliveryFeeFen(subtotalFen: number, fulfillment: Fulfillment): number {
  return fulfillment === "delivery" && subtotalFen < FREE_DELIVERY_FROM_FEN ? DELIVERY_FEE_FEN : 0;
}

export const variantIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9_]+$/, "invalid");

export const cartLineInput = z.strictObject({ variantId: variantIdSchema, quantity: quantitySchema });
/** A line of a checkout: anything but the variant and quantity (a price, say) is dropped, never trusted. */
const orderLineInput = z.object({ variantId: variantIdSchema, quantity: quantitySchema });
export const setCartQuantityInput = z.strictObject({
  variantId: variantIdSchema,
  quantity: z.union([z.literal(0), z.literal("0").transform(() => 0 as const), quantitySchema]),
});
export const removeCartLineInput = z.strictObject({ variantId: variantIdSchema });

/** The lines the buyer reviewed, as JSON in one form field: only variant ids and quantities. */
const orderLinesField = z
  .string()
  .max(20_000)
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "invalid" });
      return z.NEVER;
    }
  })
  .pipe(z.array(orderLineInput).min(1, "required").max(50, "too_long"));

export const deliveryAddressInput = z.strictObject({
  recipient: z.string().trim().min(1, "required").max(40, "too_long"),
  phone: z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^1\d{10}$/, "invalid_phone")),
  region: z.string().trim().min(2, "required").max(60, "too_long"),
  line: z.string().trim().min(4, "required").max(120, "too_long"),
  postalCode: z
    .union([
      z.literal(""),
      z
        .string()
        .trim()
        .regex(/^\d{6}$/, "invalid"),
    ])
    .optional(),
});
export type DeliveryAddressInput = z.infer<typeof deliveryAddressInput>;

export const checkoutInput = z
  .strictObject({
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "invalid"),
    lines: orderLinesField,
    fulfillment: z.enum(["pickup", "delivery"]),
    stationId: z.string().max(64).optional(),
    paymentMethod: z.enum(["pay_at_pickup", "cash_on_delivery", "online"]),
    recipient: z.string().optional(),
    phone: z.string().optional(),
    region: z.string().optional(),
    line: z.string().optional(),
    postalCode: z.string().optional(),
    note: z.string().trim().max(200, "too_long").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.fulfillment === "pickup" && !v.stationId)
      ctx.addIssue({ code: "custom", path: ["stationId"], message: "required" });
    if (v.fulfillment === "pickup" && v.paymentMethod === "cash_on_delivery")
      ctx.addIssue({ code: "custom", path: ["paymentMethod"], message: "invalid" });
    if (v.fulfillment === "delivery" && v.paymentMethod === "pay_at_pickup")
      ctx.addIssue({ code: "custom", path: ["paymentMethod"], message: "invalid" });
  });
export type CheckoutInput = z.infer<typeof checkoutInput>;

export interface CartLineDto {
  variantId: string;
  productSlug: string;
  productNameZh: string;
  productNameEn: string;
  variantLabelZh: string;
  variantLabelEn: string;
  coopNameZh: string;
  coopNameEn: string;
  imagePath: string | null;
  unitPriceFen: number;
  quantity: number;
  lineTotalFen: number;
  stock: number;
  /** Why the line cannot be bought as it stands; null when it can. */
  problem: null | "unavailable" | "sold_out" | "insufficient";
}

export interface CartDto {
  lines: CartLineDto[];
  subtotalFen: number;
  count: number;
  buyable: boolean;
}

export interface OrderLineDto {
  id: string;
  coopId: string;
  coopNameZh: string;
  coopNameEn: string;
  productNameZh: string;
  productNameEn: string;
  variantLabelZh: string;
  variantLabelEn: string;
  unitPriceFen: number;
  quantity: number;
  lineTotalFen: number;
  status: LineStatus;
}

export interface OrderEventDto {
  toStatus: string;
  fromStatus: string | null;
  coopNameZh: string | null;
  coopNameEn: string | null;
  note: string | null;
  at: Date;
}

export interface OrderSummaryDto {
  number: string;
  status: OrderStatus;
  /** shop, campaign (社区团购), team (拼团) or live. */
  channel: string;
  fulfillment: Fulfillment;
  /** A pickup order's day at the station (YYYY-MM-DD), once it is known (a forming 拼团 team has none yet). */
  deliveryDay: string | null;
  totalFen: number;
  placedAt: Date;
  itemCount: number;
  firstItemZh: string;
  firstItemEn: string;
}

export interface OrderDetailDto extends OrderSummaryDto {
  paymentMethod: string;
  paymentStatus: string;
  subtotalFen: number;
  deliveryFeeFen: number;
  station: { nameZh: string; nameEn: string; addressZh: string; addressEn: string; phone: string } | null;
  deliveryAddress: DeliveryAddressInput | null;
  /** Present for the buyer's own open pickup orders only. */
  pickupCode: string | null;
  /** Too many wrong codes were tried against it: the code works again only after the buyer reissues it. */
  pickupLocked: boolean;
  note: string | null;
  cancelReason: string | null;
  lines: OrderLineDto[];
  events: OrderEventDto[];
  canCancel: boolean;
  /** Online orders: pay before this, or the order is cancelled. */
  holdExpiresAt: Date | null;
  /** A 拼团 member's order: the team it belongs to (paid and followed on the team page). */
  teamId: string | null;
}

/** The guest cart's cookie; __Host- prefixed (Secure, no Domain, Path=/) in production. */
export function cartCookieName(production: boolean): string {
  return production ? "__Host-elian-cart" : "elian-cart";
}
