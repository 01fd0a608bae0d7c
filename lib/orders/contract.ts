import { z } from "zod";
import { parseYuan } from "../core/money";
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
export type CartLineInput = z.output<typeof cartLineInput>;
/** A line of a checkout: anything but the variant and quantity (a price, say) is dropped, never trusted. */
const orderLineInput = z.object({ variantId: variantIdSchema, quantity: quantitySchema });
export const setCartQuantityInput = z.strictObject({
  variantId: variantIdSchema,
  quantity: z.union([z.literal(0), z.literal("0").transform(() => 0 as const), quantitySchema]),
});
export type SetCartQuantityInput = z.output<typeof setCartQuantityInput>;
export const removeCartLineInput = z.strictObject({ variantId: variantIdSchema });
export type RemoveCartLineInput = z.output<typeof removeCartLineInput>;

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
  })
  // Only a form that passed the checks above has its address fields checked, as one address.
  .transform((v, ctx) => {
    if (v.fulfillment !== "delivery") return { ...v, address: null };
    const address = deliveryAddressInput.safeParse({
      recipient: v.recipient ?? "",
      phone: v.phone ?? "",
      region: v.region ?? "",
      line: v.line ?? "",
      postalCode: v.postalCode ?? "",
    });
    if (address.success) return { ...v, address: address.data };
    for (const issue of address.error.issues) ctx.addIssue({ ...issue });
    return z.NEVER;
  });
export type CheckoutInput = z.output<typeof checkoutInput>;

export const orderNumberSchema = z.string().regex(/^E\d{6}[0-9A-Z]{6}$/, "invalid");
/** The buyer cancels their order before anything of it is dispatched. */
export const cancelMyOrderInput = z.strictObject({
  number: orderNumberSchema,
  reason: z.string().trim().max(200, "too_long").optional(),
});
export type CancelMyOrderInput = z.output<typeof cancelMyOrderInput>;
/** Pay an online order (again): the number as the order page has it. */
export const payOrderInput = z.strictObject({ number: z.string().max(20) });
export const reissuePickupCodeInput = z.strictObject({ number: orderNumberSchema });
export type ReissuePickupCodeInput = z.output<typeof reissuePickupCodeInput>;

/** A cooperative acts on its own lines of an order. */
export const coopLineActionInput = z.strictObject({
  number: orderNumberSchema,
  coopId: z.string().min(1).max(64),
  action: z.enum(["confirm", "dispatch", "cancel", "out_for_delivery", "delivered"]),
  reason: z.string().trim().max(200, "too_long").optional(),
});
export type CoopLineActionInput = z.output<typeof coopLineActionInput>;
/**
 * 售后 by the cooperative: part or all of a handed-over line given back — through Stripe for an online payment, in
 * cash at the station (or by the delivering cooperative) otherwise. The form's key makes a double submit one refund.
 */
export const refundLineInput = z.strictObject({
  number: orderNumberSchema,
  coopId: z.string().min(1).max(64),
  lineId: z.string().min(1).max(64),
  amount: z
    .string()
    .trim()
    .max(12, "invalid_amount")
    .transform((v, ctx) => {
      const fen = parseYuan(v);
      if (fen === null || fen <= 0) {
        ctx.addIssue({ code: "custom", message: "invalid_amount" });
        return z.NEVER;
      }
      return fen;
    }),
  reason: z.string().trim().min(1, "required").max(200, "too_long"),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "invalid"),
});
export type RefundLineInput = z.output<typeof refundLineInput>;

/** The station hands a cash refund back to the buyer at the counter. */
export const cashRefundInput = z.strictObject({
  stationId: z.string().min(1).max(64),
  refundId: z.string().min(1).max(64),
});
export type CashRefundInput = z.output<typeof cashRefundInput>;

/** The cooperative's order lines as CSV, all or of one status. */
export const coopOrdersCsvInput = z.strictObject({
  coop: z.string().min(1).max(64),
  status: z.enum(["placed", "confirmed", "dispatched", "cancelled"]).optional(),
});

/** A station batch: the cooperative dispatches it, the station receives it. */
export const batchActionInput = z.strictObject({ batchId: z.string().min(1).max(64) });
export type BatchActionInput = z.output<typeof batchActionInput>;
/** The pick list's dispatch button: the batch, and the day whose pick list to show again. */
export const dispatchBatchFormInput = batchActionInput.extend({ day: z.iso.date("invalid") });
/** A day's pick list as CSV: the cooperative in the query, the day (YYYY-MM-DD) in the path. */
export const pickListCsvInput = z.strictObject({ coop: z.string().min(1).max(64) });
export const pickListDay = z.iso.date();

/** The station hands an order over against its pickup code. */
export const redeemInput = z.strictObject({
  stationId: z.string().min(1).max(64),
  code: z
    .string()
    .trim()
    .transform((v) => v.replace(/\D/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "invalid_code")),
  /** The order the manager picked from the waiting list (or the buyer's QR named): wrong codes then count against it. */
  number: z.union([z.literal(""), orderNumberSchema]).optional(),
});
export type RedeemInput = z.output<typeof redeemInput>;

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
  /** Money given back (a cancellation, or 售后 after handover), newest first. */
  refunds: {
    amountFen: number;
    status: "requested" | "pending" | "succeeded" | "failed";
    method: "provider" | "cash";
    at: Date;
  }[];
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

/** The admin's needs-attention actions on one order (accept or refund a payment under review, release a stuck hold). */
export const attentionOrderInput = z.strictObject({ number: z.string().trim().min(1).max(32) });
export type AttentionOrderInput = z.output<typeof attentionOrderInput>;

/** The admin's needs-attention lists, each with its count and its exact amounts in fen. */
export interface NeedsAttentionDto {
  reviews: {
    number: string;
    status: OrderStatus;
    channel: string;
    buyerName: string;
    totalFen: number;
    /** What Stripe took (paid or authorised), and in which currency. */
    paidFen: number | null;
    paidCurrency: string | null;
    attemptStatus: string | null;
    reviewReason: string | null;
    placedAt: Date;
  }[];
  failedRefunds: {
    id: string;
    orderNumber: string;
    amountFen: number;
    reason: string;
    attempts: number;
    lastError: string | null;
    updatedAt: Date;
  }[];
  stuckHolds: {
    number: string;
    channel: string;
    buyerName: string;
    totalFen: number;
    holdExpiresAt: Date;
    openAttempts: number;
  }[];
  totals: { reviewsFen: number; failedRefundsFen: number; stuckHoldsFen: number };
}
