import { z } from "zod";

/** Mark every notification of the viewer read: a button with no fields. */
export const markAllReadInput = z.strictObject({});

/** Kinds of in-app notification; their text is messages/<locale>/notifications.json `<kind>.title/body`. */
export const notificationKinds = [
  "order_ready",
  "order_expired",
  "campaign_failed",
  "campaign_succeeded",
  "refund_issued",
  "live_started",
  "live_soon",
  "team_completed",
  "team_failed",
  "team_member_dropped",
  "payment_failed",
  "application_approved",
  "application_rejected",
  "agreement_update",
  "payout_sent",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export interface NotificationDto {
  id: number;
  kind: NotificationKind;
  params: Record<string, string | number>;
  link: string | null;
  read: boolean;
  createdAt: Date;
}
