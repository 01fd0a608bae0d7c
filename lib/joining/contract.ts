import { z } from "zod";
import { categories } from "../catalog/contract";
import { usccProblem } from "./uscc";

export { usccProblem, usccCheckChar, orgCodeCheckChar, USCC_CHARSET } from "./uscc";

export const applicationKinds = ["coop", "streamer", "station"] as const;
export type ApplicationKind = (typeof applicationKinds)[number];
export const applicationStatuses = ["pending", "approved", "rejected", "withdrawn"] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** At most this many photos besides the licence. */
export const MAX_COOP_PHOTOS = 6;
export const MAX_CHANNEL_LINKS = 5;

const noControlChars = (v: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v);
const line = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, "required")
    .max(max, "too_long")
    .refine((v) => noControlChars(v) && !/[\r\n]/.test(v), "invalid_characters");
const paragraph = (max: number, min = 0) =>
  z.string().trim().min(min, "required").max(max, "too_long").refine(noControlChars, "invalid_characters");
const phone = z
  .string()
  .trim()
  .regex(/^[\d +-]{7,20}$/, "invalid_phone");
const recordId = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]{1,64}$/, "invalid");
/** A form sends one value or many under the same name; JSON sends an array. */
const many = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

/** 统一社会信用代码: spaces dropped and upper-cased, then its check characters verified (GB 32100, GB 11714). */
export const usccSchema = z
  .string()
  .max(40, "invalid_length")
  .transform((v) => v.replace(/[\s-]/g, "").toUpperCase())
  .superRefine((v, ctx) => {
    const problem = usccProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: `uscc_${problem}` });
  });

/**
 * A document the applicant uploaded through /api/apply/documents: the stored name and a signature that ties it to
 * the person who uploaded it (so nobody can attach another person's file by guessing its name).
 */
export const documentRef = z
  .string()
  .trim()
  .regex(/^[a-z0-9]{24}\.webp\.[A-Za-z0-9_-]{22}$/, "invalid_document");

const https = z
  .string()
  .trim()
  .max(300, "too_long")
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "https:" && Boolean(u.hostname) && !u.username && !u.password;
    } catch {
      return false;
    }
  }, "invalid_url");

/** The id of the person's rejected application when the form corrects and resubmits it. */
const resubmits = { applicationId: z.union([z.literal(""), recordId]).optional() };

export const coopApplicationInput = z.strictObject({
  ...resubmits,
  legalName: line(60, 2),
  uscc: usccSchema,
  townZh: line(30),
  villageZh: line(30),
  contactName: line(30),
  contactPhone: phone,
  description: paragraph(2000, 10),
  licence: documentRef,
  photos: many(documentRef)
    .optional()
    .transform((v) => v ?? [])
    .pipe(z.array(documentRef).max(MAX_COOP_PHOTOS, "too_many")),
  categories: many(z.enum(categories, "invalid")).pipe(
    z
      .array(z.enum(categories))
      .min(1, "required")
      .transform((v) => [...new Set(v)]),
  ),
});
export type CoopApplicationInput = z.output<typeof coopApplicationInput>;

export const streamerApplicationInput = z.strictObject({
  ...resubmits,
  displayName: line(40),
  bio: paragraph(300, 1),
  /** One link a line in the form, or an array. */
  channelLinks: z
    .union([z.string().max(2000, "too_long"), z.array(z.string().max(300, "too_long")).max(MAX_CHANNEL_LINKS)])
    .transform((v) => (Array.isArray(v) ? v : v.split(/\r?\n/)).map((l) => l.trim()).filter(Boolean))
    .pipe(z.array(https).min(1, "required").max(MAX_CHANNEL_LINKS, "too_many")),
  interests: paragraph(500, 1),
});
export type StreamerApplicationInput = z.output<typeof streamerApplicationInput>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "invalid_time");
const coordinate = (min: number, max: number) =>
  z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^-?\d{1,3}(\.\d{1,7})?$/, "invalid")
        .transform(Number),
    ])
    .pipe(z.number().min(min, "invalid").max(max, "invalid"));

export const stationApplicationInput = z
  .strictObject({
    ...resubmits,
    shopName: line(60, 2),
    address: line(120),
    town: line(30),
    phone,
    lat: coordinate(-90, 90),
    lng: coordinate(-180, 180),
    opensAt: hhmm,
    closesAt: hhmm,
    dailyCapacity: z
      .union([
        z.number(),
        z
          .string()
          .trim()
          .regex(/^\d{1,5}$/, "invalid")
          .transform(Number),
      ])
      .pipe(z.number().int("invalid").min(1, "invalid").max(10_000, "too_large")),
  })
  .refine((v) => v.opensAt < v.closesAt, { path: ["closesAt"], message: "close_before_open" });
export type StationApplicationInput = z.output<typeof stationApplicationInput>;

export const applicationIdInput = z.strictObject({ applicationId: recordId });
export type ApplicationIdInput = z.output<typeof applicationIdInput>;

export const rejectApplicationInput = z.strictObject({
  applicationId: recordId,
  reason: paragraph(500, 2),
});
export type RejectApplicationInput = z.output<typeof rejectApplicationInput>;

/** Admin: suspend or reinstate what an approval created (the cooperative, the streamer's profile, the station). */
export const joinedStatusInput = z.strictObject({
  kind: z.enum(applicationKinds),
  /** The cooperative's or the station's id, or the streamer's user id. */
  id: recordId,
  status: z.enum(["active", "suspended"]),
});
export type JoinedStatusInput = z.output<typeof joinedStatusInput>;

/** The admin's queue filters, from the query string; anything unknown means "all". */
export const applicationQueueFilter = z.object({
  kind: z.enum(applicationKinds).optional().catch(undefined),
  status: z.enum(applicationStatuses).optional().catch(undefined),
});
export type ApplicationQueueFilter = z.output<typeof applicationQueueFilter>;

export type CoopDetails = Omit<CoopApplicationInput, "applicationId" | "licence" | "photos"> & {
  /** Public paths of the stored (re-encoded) images. */
  licence: string;
  photos: string[];
};
export type StreamerDetails = Omit<StreamerApplicationInput, "applicationId">;
export type StationDetails = Omit<StationApplicationInput, "applicationId">;

/** What was applied for: the kind and its form. */
export type ApplicationBody =
  | { kind: "coop"; details: CoopDetails }
  | { kind: "streamer"; details: StreamerDetails }
  | { kind: "station"; details: StationDetails };

export type ApplicationDto = {
  id: string;
  status: ApplicationStatus;
  revision: number;
  rejectReason: string | null;
  submittedAt: Date;
  reviewedAt: Date | null;
  resultId: string | null;
} & ApplicationBody;

export type AdminApplicationDto = ApplicationDto & {
  applicant: { id: string; name: string; email: string | null; phone: string | null };
  /** What approval created, and whether it is suspended now; null before approval. */
  joined: { kind: ApplicationKind; id: string; status: "active" | "suspended" } | null;
};

/** The title of an application in lists: the name the applicant gave. */
export function applicationTitle(a: ApplicationBody): string {
  switch (a.kind) {
    case "coop":
      return a.details.legalName;
    case "streamer":
      return a.details.displayName;
    case "station":
      return a.details.shopName;
  }
}
