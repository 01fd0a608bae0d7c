import { z } from "zod";
import { parseIdentifier } from "../auth/contract";

export const coopMemberRoles = ["owner", "staff"] as const;
export type CoopMemberRole = (typeof coopMemberRoles)[number];

/** How long an invitation link, a password-reset link and a verification link work. */
export const INVITATION_HOURS = 72;
export const RESET_MINUTES = 30;
export const VERIFY_HOURS = 24;

const recordId = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]{1,64}$/, "invalid");

/**
 * A link's secret as it arrives from the URL or a hidden field: 32 random bytes in base64url (43 characters). Any
 * other shape is a link that cannot exist; it is still answered like an unknown one, by the use case.
 */
export const linkToken = z
  .string()
  .trim()
  .max(200, "too_long")
  .regex(/^[A-Za-z0-9_-]*$/, "invalid");

/** An e-mail (lower-cased) or a mainland mobile number (11 digits), as typed: the normalised form comes out. */
const identifier = z
  .string()
  .trim()
  .min(1, "required")
  .max(254, "too_long")
  .transform((v, ctx) => {
    const id = parseIdentifier(v);
    if (!id) {
      ctx.addIssue({ code: "custom", message: "invalid_identifier" });
      return z.NEVER;
    }
    return "email" in id ? id.email : id.phone;
  });

/** The owner invites a person (by e-mail or phone) to the cooperative's team with a role. */
export const inviteMemberInput = z.strictObject({
  coopId: recordId,
  identifier,
  role: z.enum(coopMemberRoles, "invalid"),
});
export type InviteMemberInput = z.output<typeof inviteMemberInput>;

export const revokeInvitationInput = z.strictObject({ coopId: recordId, invitationId: recordId });
export type RevokeInvitationInput = z.output<typeof revokeInvitationInput>;

/** A member of the team, named by their account: one membership per person and cooperative. */
export const changeMemberRoleInput = z.strictObject({
  coopId: recordId,
  userId: recordId,
  role: z.enum(coopMemberRoles, "invalid"),
});
export type ChangeMemberRoleInput = z.output<typeof changeMemberRoleInput>;

export const removeMemberInput = z.strictObject({ coopId: recordId, userId: recordId });
export type RemoveMemberInput = z.output<typeof removeMemberInput>;

/** The viewer leaves the cooperative's team. */
export const leaveCoopInput = z.strictObject({ coopId: recordId });
export type LeaveCoopInput = z.output<typeof leaveCoopInput>;

export const acceptInvitationInput = z.strictObject({ token: linkToken });
export type AcceptInvitationInput = z.output<typeof acceptInvitationInput>;

/** "忘记密码": the account's e-mail or phone. Anything typed gets the same answer. */
export const forgotPasswordInput = z.strictObject({ identifier });
export type ForgotPasswordInput = z.output<typeof forgotPasswordInput>;

/** The new password follows the sign-up rules (8–128 characters). */
export const resetPasswordInput = z.strictObject({
  token: linkToken,
  newPassword: z.string().min(8, "password_too_short").max(128, "too_long"),
});
export type ResetPasswordInput = z.output<typeof resetPasswordInput>;

export const verifyEmailInput = z.strictObject({ token: linkToken });
export type VerifyEmailInput = z.output<typeof verifyEmailInput>;

/** "Send the verification link again": a button with no fields. */
export const resendVerificationInput = z.strictObject({});

export interface TeamMemberDto {
  userId: string;
  name: string;
  email: string | null;
  phone: string | null;
  role: CoopMemberRole;
  joinedAt: Date;
  isViewer: boolean;
}

export interface PendingInvitationDto {
  id: string;
  identifier: string;
  role: CoopMemberRole;
  expiresAt: Date;
  createdAt: Date;
}

export interface CoopTeamDto {
  coopId: string;
  viewerRole: CoopMemberRole;
  members: TeamMemberDto[];
  /** Pending invitations (not accepted, revoked or expired); shown to owners only, empty for staff. */
  invitations: PendingInvitationDto[];
}

/** What an invitation's page shows: the invitation, or why it no longer works. */
export type InvitationView =
  | {
      state: "open";
      coopId: string;
      coopNameZh: string;
      coopNameEn: string;
      role: CoopMemberRole;
      expiresAt: Date;
      /** Whether the signed-in viewer is the invited person (null when nobody is signed in). */
      forViewer: boolean | null;
      /** The invited e-mail or phone, partly hidden ("wa***@example.com", "138****5678"). */
      identifierHint: string;
    }
  | { state: "invalid" | "expired" | "used" | "revoked" };

/**
 * Whether a reset or verification link still works (a page read: nothing is written). "stale": a verification
 * link for an address the account no longer has.
 */
export type LinkView = { state: "open"; expiresAt: Date } | { state: "invalid" | "expired" | "used" | "stale" };

export interface EmailStatusDto {
  email: string | null;
  verifiedAt: Date | null;
}
