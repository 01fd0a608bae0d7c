import { z } from "zod";
import { yuanPrice } from "../catalog/contract";
import { quantitySchema } from "../inventory/contract";

const id = z.string().min(1).max(64);
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "invalid");
const httpsUrl = z
  .string()
  .trim()
  .max(500, "too_long")
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "https:" || (u.protocol === "http:" && ["127.0.0.1", "localhost"].includes(u.hostname));
    } catch {
      return false;
    }
  }, "invalid_url");
const int = (min: number, max: number) =>
  z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^\d{1,7}$/, "invalid")
        .transform(Number),
    ])
    .pipe(z.number().int("invalid").min(min, "invalid").max(max, "too_large"));

const ids = z
  .union([id, z.array(id).max(50)])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** A session as the streamer types it; times are Shanghai wall-clock ("2026-12-01T20:00"). */
export const sessionFields = {
  title: z.string().trim().min(1, "required").max(80, "too_long"),
  description: z.string().trim().max(2000, "too_long").optional().default(""),
  scheduledAt: localDateTime,
  coopIds: ids,
  externalPlaybackUrl: z.union([z.literal(""), httpsUrl]).optional(),
  coverImagePath: z.enum(["/images/live/cover-hudun.svg", "/images/live/cover-replay.svg"]).optional(),
};
export const createSessionInput = z.strictObject(sessionFields);
export type CreateSessionInput = z.output<typeof createSessionInput>;
export const updateSessionInput = z.strictObject({ sessionId: id, ...sessionFields });
export type UpdateSessionInput = z.output<typeof updateSessionInput>;
/** Actions on a whole session: cancel, go live, end, a new stream key, 预约 (remind me). */
export const sessionIdInput = z.strictObject({ sessionId: id });
export type SessionIdInput = z.output<typeof sessionIdInput>;
/** 弹幕: at most 60 characters (counted as people count them, so an emoji is one), no line breaks. */
export const COMMENT_MAX_CHARS = 60;
export const postCommentInput = z.strictObject({
  sessionId: id,
  body: z
    .string()
    .trim()
    .min(1, "required")
    .max(COMMENT_MAX_CHARS * 2, "too_long")
    .refine((b) => [...b].length <= COMMENT_MAX_CHARS, "too_long")
    .refine((b) => !/[\r\n\u0000-\u001f]/.test(b), "invalid"),
});
export type PostCommentInput = z.output<typeof postCommentInput>;
export const commentIdInput = z.strictObject({ commentId: id });
export type CommentIdInput = z.output<typeof commentIdInput>;
/** A filter list as typed: words separated by commas, spaces or lines; each 1–20 characters, at most 200. */
export const commentFiltersInput = z.strictObject({
  words: z
    .string()
    .max(5000, "too_long")
    .transform((text) => [
      ...new Set(
        text
          .split(/[\s,,、]+/)
          .map((w) => w.trim().toLowerCase())
          .filter(Boolean),
      ),
    ])
    .refine((words) => words.length <= 200, "too_many")
    .refine((words) => words.every((w) => [...w].length <= 20), "too_long"),
});
export type CommentFiltersInput = z.output<typeof commentFiltersInput>;

export const replayInput = z.strictObject({ sessionId: id, replayUrl: httpsUrl });
export type ReplayInput = z.output<typeof replayInput>;

export const bagInput = z.strictObject({ sessionId: id, productIds: ids, hiddenPriceIds: ids });
export type BagInput = z.output<typeof bagInput>;
/** Pin a bag product (讲解中), or reveal its hidden price. */
export const pinInput = z.strictObject({ sessionId: id, productId: id });
export type PinInput = z.output<typeof pinInput>;
export const unpinInput = pinInput.pick({ sessionId: true });
export type UnpinInput = z.output<typeof unpinInput>;

export const openDropInput = z.strictObject({
  sessionId: id,
  variantId: id,
  price: yuanPrice,
  quantityCap: int(1, 100_000),
  perBuyerLimit: int(1, 99),
  durationSeconds: int(1, 3600),
});
export type OpenDropInput = z.output<typeof openDropInput>;
export const closeDropInput = z.strictObject({ sessionId: id, dropId: id });
export type CloseDropInput = z.output<typeof closeDropInput>;

export const buyDropInput = z.strictObject({
  dropId: id,
  quantity: quantitySchema,
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "invalid"),
  stationId: id.optional(),
  paymentMethod: z.enum(["pay_at_pickup", "online"]).default("pay_at_pickup"),
});
export type BuyDropInput = z.output<typeof buyDropInput>;
/** POST /api/live/drops/[id]/buy: the drop is in the path, the rest in the JSON body. */
export const buyDropBody = buyDropInput.omit({ dropId: true });

export type LiveStatus = "scheduled" | "live" | "ended" | "cancelled";

export interface LiveProductDto {
  productId: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  imagePath: string | null;
  /** Null while the streamer keeps the price hidden. */
  minPriceFen: number | null;
  priceRevealed: boolean;
  variants: { id: string; labelZh: string; labelEn: string; priceFen: number | null; stock: number }[];
}

export interface LiveDropDto {
  id: string;
  productId: string;
  variantId: string;
  nameZh: string;
  nameEn: string;
  variantLabelZh: string;
  variantLabelEn: string;
  priceFen: number;
  regularPriceFen: number;
  quantityCap: number;
  unitsLeft: number;
  perBuyerLimit: number;
  opensAt: string;
  closesAt: string;
  status: "open" | "closed";
}

/** Everything a viewer's screen shows; sent on connect and rebuilt by applying events. */
export interface LiveSnapshot {
  sessionId: string;
  status: LiveStatus;
  title: string;
  startedAt: string | null;
  endedAt: string | null;
  pinned: LiveProductDto | null;
  bag: LiveProductDto[];
  drops: LiveDropDto[];
  viewers: number;
  ticker: { buyers: string[]; count: number };
  /** The latest comments shown to everyone, oldest first (at most SNAPSHOT_COMMENTS). */
  comments: LiveCommentDto[];
  likes: number;
  lastEventId: number;
}

/** A comment as viewers see it: the author's name masked, as in the order ticker. */
export interface LiveCommentDto {
  id: string;
  name: string;
  body: string;
  at: string;
}
/** How many comments a screen keeps. */
export const SNAPSHOT_COMMENTS = 50;

/** Every kind of live event; a viewer's stream listens to each (use-live-events). */
export const liveEventTypes = [
  "session_started",
  "session_ended",
  "pinned",
  "unpinned",
  "price_revealed",
  "drop_opened",
  "drop_closed",
  "drop_units",
  "ticker",
  "viewers",
  "comment",
  "comment_deleted",
  "likes",
] as const;
export type LiveEventType = (typeof liveEventTypes)[number];

export interface LiveEventDto {
  id: number;
  type: LiveEventType;
  payload: Record<string, unknown>;
}

/** Names in the order ticker: the first character kept, the rest masked ("张**"). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "*";
  return `${chars[0]}${"*".repeat(Math.min(Math.max(chars.length - 1, 1), 3))}`;
}

/** Applies one event to a snapshot: the same reducer runs on viewers' phones and in tests. */
export function applyLiveEvent(state: LiveSnapshot, e: LiveEventDto): LiveSnapshot {
  const next = { ...state, lastEventId: Math.max(state.lastEventId, e.id) };
  const p = e.payload;
  switch (e.type) {
    case "session_started":
      return { ...next, status: "live", startedAt: String(p.startedAt ?? next.startedAt) };
    case "session_ended":
      return {
        ...next,
        status: "ended",
        endedAt: String(p.endedAt ?? next.endedAt),
        pinned: null,
        drops: next.drops.map((d) => ({ ...d, status: "closed" })),
      };
    case "pinned":
      return { ...next, pinned: p.product as LiveProductDto };
    case "unpinned":
      return { ...next, pinned: null };
    case "price_revealed": {
      const product = p.product as LiveProductDto;
      return {
        ...next,
        bag: next.bag.map((b) => (b.productId === product.productId ? product : b)),
        pinned: next.pinned?.productId === product.productId ? product : next.pinned,
      };
    }
    case "drop_opened":
      return {
        ...next,
        drops: [...next.drops.filter((d) => d.id !== (p.drop as LiveDropDto).id), p.drop as LiveDropDto],
      };
    case "drop_closed":
      return { ...next, drops: next.drops.map((d) => (d.id === p.dropId ? { ...d, status: "closed" } : d)) };
    case "drop_units": {
      const units = p.units as Record<string, number>;
      return { ...next, drops: next.drops.map((d) => (d.id in units ? { ...d, unitsLeft: units[d.id]! } : d)) };
    }
    case "ticker":
      return { ...next, ticker: { buyers: (p.buyers as string[]) ?? [], count: Number(p.count ?? 0) } };
    case "viewers":
      return { ...next, viewers: Number(p.viewers ?? 0) };
    case "comment": {
      const c = p.comment as LiveCommentDto;
      if (next.comments.some((x) => x.id === c.id)) return next;
      return { ...next, comments: [...next.comments, c].slice(-SNAPSHOT_COMMENTS) };
    }
    case "comment_deleted":
      return { ...next, comments: next.comments.filter((c) => c.id !== p.commentId) };
    case "likes":
      return { ...next, likes: Math.max(next.likes, Number(p.likes ?? 0)) };
  }
}

/** What a streaming server told us, whichever server it was (SRS or nginx-rtmp). */
export interface IngestCallback {
  action: "publish" | "unpublish" | "update" | "play" | "stop" | "record" | "hls";
  /** The stream name as published (a session id, or the stream key itself). */
  stream: string;
  /** The `token` query argument of the publish URL, if any. */
  token: string | null;
  clientId: string | null;
  /** A recorded file or playlist the server reports (on_dvr, on_hls, on_record_done). */
  recording: string | null;
}

/** A refusal says why: "bad_recording" (400) is a proven server's bad input; the others (403) refuse the caller. */
export type IngestDecision =
  | { allow: true; sessionId: string | null; renameTo?: string }
  | { allow: false; reason: "bad_key" | "session_over" | "outside_window"; status: 403 }
  | { allow: false; reason: "bad_recording"; status: 400 };
