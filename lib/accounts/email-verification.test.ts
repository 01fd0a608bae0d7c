import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Viewer } from "../auth/contract";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { createUser } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { linkIn, setupSmtpServer } from "../../tests/support/smtp";
import { verifyEmailInput } from "./contract";
import {
  emailStatus,
  resendLimit,
  resendVerification,
  sendEmailVerification,
  verifyEmail as verify,
  viewVerifyLink,
} from "./email-verification";

const t = setupTestDb();
const smtp = setupSmtpServer();
const ORIGIN = "http://localhost:3000";
afterEach(() => setClockForTests(null));

let ipSeq = 0;
const verifyEmail = (token: string) => verify(verifyEmailInput.parse({ token }), `10.40.0.${(ipSeq++ % 250) + 1}`);
const viewerOf = (u: { id: string; name: string; email: string | null; phone: string | null }): Viewer => ({
  userId: u.id,
  sessionId: "ses_test",
  name: u.name,
  email: u.email,
  phone: u.phone,
  caps: { admin: false, streamer: false, coopIds: [], stationIds: [] },
});
const verifiedAt = async (id: string) =>
  (await t.db.select({ at: s.users.emailVerifiedAt }).from(s.users).where(eq(s.users.id, id)))[0]!.at;

/** Sends the verification e-mail (as sign-up does) and returns its link's token. */
async function sentToken(userId: string, to: string): Promise<string> {
  const before = smtp.mails.length;
  expect(await sendEmailVerification(userId, ORIGIN)).toBe("sent");
  expect(smtp.mails).toHaveLength(before + 1);
  expect(smtp.mails[before]!.to).toBe(to);
  return linkIn(smtp.mails[before], "/verify-email/").split("/verify-email/")[1]!;
}

describe("e-mail verification", () => {
  it("sign-up's e-mail carries an absolute link; confirming it marks the account verified, once", async () => {
    const u = await createUser(t.db, { email: "new.signup@example.com", name: "新用户" });
    const before = smtp.mails.length;
    const token = await sentToken(u.id, "new.signup@example.com");
    const mail = smtp.mails[before]!;
    expect(mail.subject).toBe("验证你在 e联富农 的邮箱 · Verify your e-mail on eLian");
    expect(linkIn(mail, "/verify-email/")).toBe(`http://localhost:3000/verify-email/${token}`);
    const [row] = await t.db.select().from(s.accountTokens).where(eq(s.accountTokens.userId, u.id));
    expect(row).toMatchObject({ purpose: "email_verify", email: "new.signup@example.com" });
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeGreaterThan(24 * 3600_000 - 5_000);
    expect(JSON.stringify(row)).not.toContain(token);

    expect(await emailStatus(viewerOf(u))).toEqual({ email: "new.signup@example.com", verifiedAt: null });
    // Opening the page reads only.
    expect(await viewVerifyLink(token)).toMatchObject({ state: "open", email: "new.signup@example.com" });
    expect(await verifiedAt(u.id)).toBeNull();
    await expect(verifyEmail(token)).resolves.toEqual({ email: "new.signup@example.com" });
    const at = await verifiedAt(u.id);
    expect(at).toBeInstanceOf(Date);
    expect((await emailStatus(viewerOf(u))).verifiedAt).toEqual(at);

    // Reused: refused, nothing changes.
    await expect(verifyEmail(token)).rejects.toMatchObject({
      code: "INVALID_STATE",
      fields: { token: ["verify_link_used"] },
    });
    expect(await viewVerifyLink(token)).toEqual({ state: "used" });
    expect(await verifiedAt(u.id)).toEqual(at);
    // Nothing more to send once verified.
    expect(await sendEmailVerification(u.id, ORIGIN)).toBe("none");
  });

  it("expired after 24 hours: refused, the account stays unverified", async () => {
    const start = new Date("2026-12-01T10:00:00Z");
    setClockForTests(start);
    const u = await createUser(t.db, { email: "slow.reader@example.com" });
    const token = await sentToken(u.id, "slow.reader@example.com");
    setClockForTests(new Date(start.getTime() + 24 * 3600_000));
    expect(await viewVerifyLink(token)).toEqual({ state: "expired" });
    await expect(verifyEmail(token)).rejects.toMatchObject({
      code: "INVALID_STATE",
      fields: { token: ["verify_link_expired"] },
    });
    expect(await verifiedAt(u.id)).toBeNull();
  });

  it("a link for an address the account no longer has proves nothing", async () => {
    const u = await createUser(t.db, { email: "before.change@example.com" });
    const token = await sentToken(u.id, "before.change@example.com");
    await t.db.update(s.users).set({ email: "after.change@example.com" }).where(eq(s.users.id, u.id));
    expect(await viewVerifyLink(token)).toEqual({ state: "stale" });
    await expect(verifyEmail(token)).rejects.toMatchObject({ fields: { token: ["verify_link_stale"] } });
    expect(await verifiedAt(u.id)).toBeNull();
  });

  it("resending: a new link replaces the old, rate limited per account; refused when verified or without e-mail", async () => {
    const u = await createUser(t.db, { email: "resend@example.com" });
    const first = await sentToken(u.id, "resend@example.com");
    const before = smtp.mails.length;
    for (let i = 0; i < resendLimit.max; i++)
      expect(await resendVerification(viewerOf(u), ORIGIN)).toEqual({ sent: true });
    expect(smtp.mails).toHaveLength(before + resendLimit.max);
    await expect(resendVerification(viewerOf(u), ORIGIN)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(smtp.mails).toHaveLength(before + resendLimit.max);
    expect(await viewVerifyLink(first)).toEqual({ state: "expired" });
    const latest = linkIn(smtp.mails.at(-1), "/verify-email/").split("/verify-email/")[1]!;
    await verifyEmail(latest);
    await expect(resendVerification(viewerOf(u), ORIGIN)).rejects.toMatchObject({
      code: "INVALID_STATE",
      fields: { _: ["already_verified"] },
    });
    const phoneOnly = await createUser(t.db, { email: null, phone: "13822223333" });
    await expect(resendVerification(viewerOf(phoneOnly), ORIGIN)).rejects.toMatchObject({
      code: "INVALID_STATE",
      fields: { _: ["no_email"] },
    });
    expect(await sendEmailVerification(phoneOnly.id, ORIGIN)).toBe("none");
    await expect(resendVerification(null, ORIGIN)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("an unknown link or a reset link does not verify", async () => {
    expect(await viewVerifyLink("A".repeat(43))).toEqual({ state: "invalid" });
    await expect(verifyEmail("A".repeat(43))).rejects.toMatchObject({ fields: { token: ["verify_link_invalid"] } });
    const u = await createUser(t.db, { email: "reset.not.verify@example.com" });
    const { issueToken } = await import("./account-tokens");
    const token = await t.db.transaction((tx) =>
      issueToken(tx, u.id, "password_reset", "reset.not.verify@example.com", 60_000),
    );
    await expect(verifyEmail(token)).rejects.toMatchObject({ fields: { token: ["verify_link_invalid"] } });
    expect(await verifiedAt(u.id)).toBeNull();
  });
});
