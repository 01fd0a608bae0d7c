import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { assertViewer, enforce, type Limit } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getDb, schema as s } from "../db";
import { sendEmailNow } from "../events";
import { VERIFY_HOURS, type EmailStatusDto, type LinkView, type VerifyEmailInput } from "./contract";
import { findToken, issueToken, tokenState, useToken } from "./account-tokens";
import { verifyEmailMessage } from "./emails";
import { absoluteLink } from "./tokens";

/** "Send it again", per account: a few an hour. Opening links, per address. */
export const resendLimit: Limit = { max: 3, windowSeconds: 3600 };
export const verifyUseLimit: Limit = { max: 30, windowSeconds: 900 };

/**
 * Issues a verification link for the account's e-mail (24 h, single use; earlier links stop working) and sends it,
 * the token committed first and the e-mail sent with no transaction open. Returns whether it was sent; nothing is
 * issued for an account without an e-mail or one already verified.
 */
export async function sendEmailVerification(userId: string, origin: string): Promise<"sent" | "not_sent" | "none"> {
  const db = await getDb();
  const [user] = await db
    .select({ name: s.users.name, email: s.users.email, verifiedAt: s.users.emailVerifiedAt })
    .from(s.users)
    .where(eq(s.users.id, userId));
  if (!user?.email || user.verifiedAt) return "none";
  const email = user.email;
  const token = await db.transaction((tx) => issueToken(tx, userId, "email_verify", email, VERIFY_HOURS * 3600_000));
  const link = absoluteLink(origin, `/verify-email/${token}`);
  return sendEmailNow(verifyEmailMessage(email, { name: user.name, link })).then(
    (r) => (r === "sent" ? "sent" : "not_sent"),
    (err: unknown) => {
      console.warn("[verify e-mail] not sent:", (err as Error).message);
      return "not_sent" as const;
    },
  );
}

/** The account page's "send the verification e-mail again": rate limited; refused once verified or without e-mail. */
export async function resendVerification(viewer: Viewer | null, origin: string): Promise<{ sent: boolean }> {
  assertViewer(viewer);
  const status = await emailStatus(viewer);
  if (!status.email) throw new AppError("INVALID_STATE", "no e-mail", { fields: { _: ["no_email"] } });
  if (status.verifiedAt)
    throw new AppError("INVALID_STATE", "already verified", { fields: { _: ["already_verified"] } });
  await enforce(`verify-resend:user:${viewer.userId}`, resendLimit, "verification e-mails");
  return { sent: (await sendEmailVerification(viewer.userId, origin)) === "sent" };
}

/** The account page: the e-mail and whether it is verified. */
export async function emailStatus(viewer: Viewer | null): Promise<EmailStatusDto> {
  assertViewer(viewer);
  const db = await getDb();
  const [user] = await db
    .select({ email: s.users.email, verifiedAt: s.users.emailVerifiedAt })
    .from(s.users)
    .where(eq(s.users.id, viewer.userId));
  return { email: user?.email ?? null, verifiedAt: user?.verifiedAt ?? null };
}

/** The verification page: whether its link still works, and the address it proves. Reads only. */
export async function viewVerifyLink(token: string): Promise<LinkView & { email?: string }> {
  const db = await getDb();
  const row = await findToken(db, "email_verify", token);
  const state = tokenState(row, now());
  if (state !== "open") return { state };
  const [user] = await db.select({ email: s.users.email }).from(s.users).where(eq(s.users.id, row!.userId));
  if (user?.email !== row!.email) return { state: "stale" };
  return { state, expiresAt: row!.expiresAt, email: row!.email ?? undefined };
}

const linkRefused = (state: string) =>
  new AppError("INVALID_STATE", `verification link ${state}`, { fields: { token: [`verify_link_${state}`] } });

/**
 * Confirms the address a verification link was sent to (the confirm button's POST; opening the link writes
 * nothing). The link is used once; the account counts as verified only while its e-mail is still that address.
 * Needs no sign-in: the link is the proof.
 */
export async function verifyEmail(input: VerifyEmailInput, ip: string): Promise<{ email: string }> {
  await enforce(`verify-use:ip:${ip}`, verifyUseLimit, "verification attempts");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await findToken(tx, "email_verify", input.token, { lock: true });
    const at = now();
    const state = tokenState(row, at);
    if (state !== "open") throw linkRefused(state);
    const email = row!.email ?? "";
    const verified = await tx
      .update(s.users)
      .set({ emailVerifiedAt: sql`coalesce(${s.users.emailVerifiedAt}, ${at}::timestamptz)`, updatedAt: at })
      .where(and(eq(s.users.id, row!.userId), eq(s.users.email, email)))
      .returning({ id: s.users.id });
    if (!verified.length) throw linkRefused("stale");
    if (!(await useToken(tx, row!, at))) throw linkRefused("used");
    return { email };
  });
}
