import "server-only";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { getDb, schema as s } from "../db";
import { env } from "../env";
import { catalogs } from "../i18n/messages";

const MAX_ATTEMPTS = 5;

function render(kind: string, params: Record<string, string | number>): { subject: string; text: string } {
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
  const pickText = (locale: "zh-CN" | "en", key: "title" | "body") => {
    const ns = catalogs()[locale].notifications as Record<string, Record<string, string>> | undefined;
    return fill(ns?.[kind]?.[key] ?? kind);
  };
  return {
    subject: `${pickText("zh-CN", "title")} · ${pickText("en", "title")}`,
    text: `${pickText("zh-CN", "body")}\n\n${pickText("en", "body")}`,
  };
}

/**
 * Sends the notifications waiting for e-mail (bilingual: the account has no language of its own). Rows are
 * taken with SKIP LOCKED, so several app instances never send one twice; a failure is retried up to 5 times.
 */
export async function sendPendingEmails(limit = 20): Promise<number> {
  const url = env().SMTP_URL;
  if (!url) return 0;
  const transport = nodemailer.createTransport(url);
  const db = await getDb();
  let sent = 0;
  await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: s.notifications.id, kind: s.notifications.kind, params: s.notifications.params, link: s.notifications.link, email: s.users.email })
      .from(s.notifications)
      .innerJoin(s.users, eq(s.users.id, s.notifications.userId))
      .where(and(eq(s.notifications.emailStatus, "pending"), lt(s.notifications.emailAttempts, MAX_ATTEMPTS)))
      .limit(limit)
      .for("update", { of: s.notifications, skipLocked: true });
    for (const n of due) {
      if (!n.email) {
        await tx.update(s.notifications).set({ emailStatus: "none" }).where(eq(s.notifications.id, n.id));
        continue;
      }
      const { subject, text } = render(n.kind, n.params);
      try {
        await transport.sendMail({ from: env().MAIL_FROM, to: n.email, subject, text: n.link ? `${text}\n\n${n.link}` : text });
        await tx.update(s.notifications).set({ emailStatus: "sent", emailAttempts: sql`${s.notifications.emailAttempts} + 1` }).where(eq(s.notifications.id, n.id));
        sent++;
      } catch (err) {
        console.warn("[mail] send failed:", (err as Error).message);
        await tx
          .update(s.notifications)
          .set({
            emailAttempts: sql`${s.notifications.emailAttempts} + 1`,
            emailStatus: sql`case when ${s.notifications.emailAttempts} + 1 >= ${MAX_ATTEMPTS} then 'failed' else 'pending' end`,
          })
          .where(inArray(s.notifications.id, [n.id]));
      }
    }
  });
  transport.close();
  return sent;
}
