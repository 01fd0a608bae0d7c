import { z } from "zod";

/** An optional text filter: blank (an empty form field) means no filter. */
const optionalText = (max: number, pattern?: RegExp) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !v || !pattern || pattern.test(v), "invalid")
    .optional()
    .transform((v) => (v ? v : undefined));

/** A calendar day in Asia/Shanghai, YYYY-MM-DD, that exists; blank means no bound. */
const optionalDay = z
  .string()
  .trim()
  .refine(
    (v) =>
      !v ||
      (/^\d{4}-\d{2}-\d{2}$/.test(v) &&
        !Number.isNaN(Date.parse(`${v}T00:00:00+08:00`)) &&
        new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)),
    "invalid",
  )
  .optional()
  .transform((v) => (v ? v : undefined));

/**
 * The audit log's filters, as the page's query string and the CSV link carry them. `actor` is a person's
 * e-mail, phone or id; `from`/`to` are days (both included); `before` is the keyset cursor: rows older than
 * that id.
 */
export const auditLogInput = z.strictObject({
  actor: optionalText(254),
  action: optionalText(64, /^[a-z0-9_.-]+$/),
  entityKind: optionalText(32, /^[a-z0-9_-]+$/),
  entityId: optionalText(64),
  from: optionalDay,
  to: optionalDay,
  before: z
    .union([z.literal(""), z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)])
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
});
// Every filter is optional: a blank one comes out undefined, a missing one absent.
export type AuditLogInput = Partial<z.output<typeof auditLogInput>>;

export interface AuditRowDto {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  entityKind: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditPage {
  rows: AuditRowDto[];
  /** The cursor of the next (older) page; null on the last page. */
  nextBefore: number | null;
}

/** The entity kinds the filter offers (any other kind may still be typed into the URL). */
export const auditEntityKinds = [
  "application",
  "membership",
  "coop_invitation",
  "user",
  "station",
  "cooperative",
  "order",
  "refund",
] as const;

/** Actions the filter suggests (others, written by newer code, can still be typed). */
export const knownAuditActions = [
  "application.approve",
  "application.reject",
  "membership.grant",
  "membership.revoke",
  "membership.invite",
  "membership.invite_revoke",
  "membership.invite_accept",
  "membership.role_change",
  "membership.remove",
  "user.suspend",
  "user.reactivate",
  "station.create",
  "station.update",
  "station.suspend",
  "station.reactivate",
  "order.accept_review",
  "order.refund_review",
  "order.release_hold",
  "refund.retry",
] as const;
