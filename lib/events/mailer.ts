import "server-only";
import { and, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { now } from "../core/clock";
import { assertNoOpenTransaction, getDb, schema as s } from "../db";
import { env } from "../env";
import type { Locale } from "../i18n/locales";
import { lookup } from "../i18n/lookup";
import { translator } from "../i18n/messages";

const MAX_ATTEMPTS = 5;

/** The e-mail of a notification: the `notifications.<kind>` messages (ICU), Chinese first, then English. */
export function render(kind: string, params: Record<string, string | number>): { subject: string; text: string } {
  const text = (locale: Locale, key: "title" | "body") =>
    lookup(translator(locale, "notifications"), `${kind}.${key}`, params, kind);
  return {
    subject: `${text("zh-CN", "title")} · ${text("en", "title")}`,
    text: `${text("zh-CN", "body")}\n\n${text("en", "body")}`,
  };
}

/** How long a claimed e-mail is left to the run that claimed it before another run sends it again. */
const LEASE_MS = 5 * 60_000;

/**
 * Sends the notifications waiting for e-mail (bilingual: the account has no language of its own), never with a
 * transaction open while the SMTP server answers: the due rows are claimed (a lease, `email_claimed_until`, and
 * the attempt counted) in a short transaction taken with SKIP LOCKED, so several app instances never send one
 * twice; then each is sent; then its outcome is recorded. A failure is retried up to 5 times; a crash between
 * sending and recording is repaired when the lease runs out (the Message-ID, fixed per notification, lets a mail
 * system see the repeat).
 */
export async function sendPendingEmails(limit = 20): Promise<number> {
  const url = env().SMTP_URL;
  if (!url) return 0;
  assertNoOpenTransaction("mailer: send pending e-mails");
  const db = await getDb();
  const due = await db.transaction(async (tx) => {
    const at = now();
    const rows = await tx
      .select({
        id: s.notifications.id,
        kind: s.notifications.kind,
        params: s.notifications.params,
        link: s.notifications.link,
        email: s.users.email,
      })
      .from(s.notifications)
      .innerJoin(s.users, eq(s.users.id, s.notifications.userId))
      .where(
        and(
          eq(s.notifications.emailStatus, "pending"),
          lt(s.notifications.emailAttempts, MAX_ATTEMPTS),
          or(isNull(s.notifications.emailClaimedUntil), lte(s.notifications.emailClaimedUntil, at)),
        ),
      )
      .limit(limit)
      .for("update", { of: s.notifications, skipLocked: true });
    const noAddress = rows.filter((n) => !n.email).map((n) => n.id);
    if (noAddress.length)
      await tx.update(s.notifications).set({ emailStatus: "none" }).where(inArray(s.notifications.id, noAddress));
    const toSend = rows.filter((n) => n.email);
    if (toSend.length) {
      await tx
        .update(s.notifications)
        .set({
          emailClaimedUntil: new Date(at.getTime() + LEASE_MS),
          emailAttempts: sql`${s.notifications.emailAttempts} + 1`,
        })
        .where(
          inArray(
            s.notifications.id,
            toSend.map((n) => n.id),
          ),
        );
    }
    return toSend;
  });
  if (!due.length) return 0;
  assertNoOpenTransaction("mailer: send");
  const transport = nodemailer.createTransport(url);
  let sent = 0;
  try {
    for (const n of due) {
      const { subject, text } = render(n.kind, n.params);
      try {
        await transport.sendMail({
          from: env().MAIL_FROM,
          to: n.email!,
          subject,
          text: n.link ? `${text}\n\n${n.link}` : text,
          messageId: `<notification-${n.id}@elian.local>`,
        });
        await db
          .update(s.notifications)
          .set({ emailStatus: "sent", emailClaimedUntil: null })
          .where(eq(s.notifications.id, n.id));
        sent++;
      } catch (err) {
        console.warn("[mail] send failed:", (err as Error).message);
        await db
          .update(s.notifications)
          .set({
            emailClaimedUntil: null,
            emailStatus: sql`case when ${s.notifications.emailAttempts} >= ${MAX_ATTEMPTS} then 'failed' else 'pending' end`,
          })
          .where(eq(s.notifications.id, n.id));
      }
    }
  } finally {
    transport.close();
  }
  return sent;
}

export interface DirectEmail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends one e-mail now, not through the outbox: for messages that carry a secret (a password-reset or verification
 * link) and so must never be stored in a notification row. Never with a transaction open (the caller commits its
 * token first). "not_configured" without SMTP_URL; in development the message is printed to the server log
 * instead, so the links can be tried without a mail server. An SMTP failure throws.
 */
export async function sendEmailNow(mail: DirectEmail): Promise<"sent" | "not_configured"> {
  assertNoOpenTransaction("mailer: send now");
  const e = env();
  if (!e.SMTP_URL) {
    if (e.NODE_ENV === "development")
      console.info(`[mail] SMTP_URL is not set; not sent to ${mail.to}:\n${mail.subject}\n\n${mail.text}`);
    return "not_configured";
  }
  const transport = nodemailer.createTransport(e.SMTP_URL);
  try {
    await transport.sendMail({ from: e.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
    return "sent";
  } finally {
    transport.close();
  }
}
