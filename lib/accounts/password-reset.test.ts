import { and, count, eq, isNull } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { parseCredentials, verifyCredentials } from "../auth/credentials";
import { createSession, viewerForSession } from "../auth/sessions";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { createUser } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { sendEmailNow } from "../events/mailer";
import { linkIn, setupSmtpServer } from "../../tests/support/smtp";
import { forgotPasswordInput, resetPasswordInput } from "./contract";
import {
  requestPasswordReset as request,
  resetAccountLimit,
  resetAddressLimit,
  resetPassword as reset,
  viewResetLink,
} from "./password-reset";

const t = setupTestDb();
const smtp = setupSmtpServer();
const ORIGIN = "https://shop.example.com";
afterEach(() => setClockForTests(null));

let ipSeq = 0;
const freshIp = () => `10.20.${Math.floor(ipSeq / 250)}.${(ipSeq++ % 250) + 1}`;
// As the actions call them: the form parsed by its contract first.
const requestReset = (identifier: string, ip = freshIp()) =>
  request(forgotPasswordInput.parse({ identifier }), { ip, origin: ORIGIN });
const resetPassword = (token: string, newPassword: string, ip = freshIp()) =>
  reset(resetPasswordInput.parse({ token, newPassword }), ip);
const signIn = (identifier: string, password: string) =>
  verifyCredentials(parseCredentials({ identifier, password }), freshIp());
const tokenRows = async (userId: string) =>
  t.db.select().from(s.accountTokens).where(eq(s.accountTokens.userId, userId));
const liveSessions = async (userId: string) =>
  (
    await t.db
      .select({ n: count() })
      .from(s.authSessions)
      .where(and(eq(s.authSessions.userId, userId), isNull(s.authSessions.revokedAt)))
  )[0]!.n;

/** Asks for a reset link and returns it, as the e-mail carried it. */
async function resetLinkFor(identifier: string, to: string): Promise<string> {
  const before = smtp.mails.length;
  await requestReset(identifier);
  expect(smtp.mails).toHaveLength(before + 1);
  expect(smtp.mails[before]!.to).toBe(to);
  return linkIn(smtp.mails[before], "/reset-password/");
}
const tokenOf = (link: string) => link.split("/reset-password/")[1]!;

describe("asking for a password reset", () => {
  it("e-mails an absolute, bilingual link; the database keeps only the token's hash, valid 30 minutes", async () => {
    const u = await createUser(t.db, { email: "reset.me@example.com", name: "柳小满" });
    const before = smtp.mails.length;
    await requestReset("Reset.Me@Example.com");
    const mail = smtp.mails[before]!;
    expect(mail.to).toBe("reset.me@example.com");
    expect(mail.subject).toBe("重设你的 e联富农 密码 · Reset your eLian password");
    expect(mail.text).toContain("柳小满,你好");
    expect(mail.text).toContain("Hello 柳小满");
    const link = linkIn(mail, "/reset-password/");
    expect(link).toMatch(/^https:\/\/shop\.example\.com\/reset-password\/[A-Za-z0-9_-]{43}$/);
    const [row] = await tokenRows(u.id);
    expect(row).toMatchObject({ purpose: "password_reset", email: "reset.me@example.com", usedAt: null });
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(tokenOf(link));
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeGreaterThan(30 * 60_000 - 5_000);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeLessThan(30 * 60_000 + 5_000);
    // Nothing of it went to the notification outbox.
    expect(await t.db.select().from(s.notifications).where(eq(s.notifications.userId, u.id))).toEqual([]);
  });

  it("by phone: the link goes to the account's e-mail; a phone-only account gets nothing, and the same answer", async () => {
    await createUser(t.db, { email: "phone.user@example.com", phone: "13511112222" });
    await resetLinkFor("135 1111 2222", "phone.user@example.com");
    const phoneOnly = await createUser(t.db, { email: null, phone: "13511113333" });
    const before = smtp.mails.length;
    await expect(requestReset("13511113333")).resolves.toBeUndefined();
    expect(smtp.mails).toHaveLength(before);
    expect(await tokenRows(phoneOnly.id)).toEqual([]);
  });

  it("an unknown account (or a suspended one) gets the same answer; nothing is stored or sent", async () => {
    const suspended = await createUser(t.db, { email: "gone@example.com", status: "suspended" });
    const before = smtp.mails.length;
    const tokensBefore = (await t.db.select({ n: count() }).from(s.accountTokens))[0]!.n;
    await expect(requestReset("nobody@example.com")).resolves.toBeUndefined();
    await expect(requestReset("13999999999")).resolves.toBeUndefined();
    await expect(requestReset("gone@example.com")).resolves.toBeUndefined();
    expect(smtp.mails).toHaveLength(before);
    expect((await t.db.select({ n: count() }).from(s.accountTokens))[0]!.n).toBe(tokensBefore);
    expect(await tokenRows(suspended.id)).toEqual([]);
    // Malformed input is a field error, as for anyone.
    expect(() => forgotPasswordInput.parse({ identifier: "not-an-address" })).toThrow(/invalid_identifier/);
    expect(() => forgotPasswordInput.parse({ identifier: "a@example.com", extra: 1 })).toThrow();
  });

  it("is rate limited per identifier (known or not, from any address) and per address", async () => {
    await createUser(t.db, { email: "limited@example.com" });
    for (const identifier of ["limited@example.com", "unknown.limited@example.com"]) {
      for (let i = 0; i < resetAccountLimit.max; i++) await requestReset(identifier);
      await expect(requestReset(identifier)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    }
    const ip = "10.30.0.1";
    for (let i = 0; i < resetAddressLimit.max; i++) await requestReset(`many${i}@example.com`, ip);
    const err = await requestReset("one.more@example.com", ip).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "RATE_LIMITED" });
    expect((err as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe("setting the new password through the link", () => {
  it("changes the password, revokes every session of the account, and counts the e-mail as verified", async () => {
    const u = await createUser(t.db, { email: "sessions@example.com", password: "old password 1" });
    const s1 = await createSession(u.id, {});
    const s2 = await createSession(u.id, {});
    expect(await liveSessions(u.id)).toBe(2);
    const link = await resetLinkFor("sessions@example.com", "sessions@example.com");
    expect(await viewResetLink(tokenOf(link))).toMatchObject({ state: "open" });
    await resetPassword(tokenOf(link), "new password 2");
    expect(await liveSessions(u.id)).toBe(0);
    expect(await viewerForSession(s1, u.id)).toBeNull();
    expect(await viewerForSession(s2, u.id)).toBeNull();
    await expect(signIn("sessions@example.com", "old password 1")).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
    await expect(signIn("sessions@example.com", "new password 2")).resolves.toMatchObject({ id: u.id });
    const [user] = await t.db.select().from(s.users).where(eq(s.users.id, u.id));
    expect(user!.emailVerifiedAt).toBeInstanceOf(Date);
    expect(user!.passwordChangedAt).toBeInstanceOf(Date);
    const [revoked] = await t.db.select().from(s.authSessions).where(eq(s.authSessions.id, s1));
    expect(revoked!.revokedReason).toBe("password_reset");
  });

  it("reused: the second use is refused and changes nothing", async () => {
    const u = await createUser(t.db, { email: "reuse@example.com" });
    const link = await resetLinkFor("reuse@example.com", "reuse@example.com");
    await resetPassword(tokenOf(link), "first new password");
    const [afterFirst] = await t.db.select().from(s.users).where(eq(s.users.id, u.id));
    await expect(resetPassword(tokenOf(link), "second new password")).rejects.toMatchObject({
      code: "INVALID_STATE",
      fields: { token: ["reset_link_used"] },
    });
    expect(await viewResetLink(tokenOf(link))).toEqual({ state: "used" });
    const [afterSecond] = await t.db.select().from(s.users).where(eq(s.users.id, u.id));
    expect(afterSecond!.passwordHash).toBe(afterFirst!.passwordHash);
  });

  it("used twice at once: one succeeds", async () => {
    await createUser(t.db, { email: "race.reset@example.com" });
    const link = await resetLinkFor("race.reset@example.com", "race.reset@example.com");
    const results = await Promise.allSettled([
      resetPassword(tokenOf(link), "race password one"),
      resetPassword(tokenOf(link), "race password two"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("expired after 30 minutes: refused, nothing changes", async () => {
    const start = new Date("2026-12-01T09:00:00Z");
    setClockForTests(start);
    const u = await createUser(t.db, { email: "expiry@example.com", password: "kept password" });
    const link = await resetLinkFor("expiry@example.com", "expiry@example.com");
    setClockForTests(new Date(start.getTime() + 30 * 60_000 - 1000));
    expect(await viewResetLink(tokenOf(link))).toMatchObject({ state: "open" });
    setClockForTests(new Date(start.getTime() + 30 * 60_000));
    expect(await viewResetLink(tokenOf(link))).toEqual({ state: "expired" });
    await expect(resetPassword(tokenOf(link), "too late password")).rejects.toMatchObject({
      code: "INVALID_STATE",
      fields: { token: ["reset_link_expired"] },
    });
    setClockForTests(null);
    await expect(signIn("expiry@example.com", "kept password")).resolves.toMatchObject({ id: u.id });
  });

  it("a newer request replaces the older link; an unknown link, a short password or an extra field is refused", async () => {
    await createUser(t.db, { email: "newer@example.com" });
    const older = await resetLinkFor("newer@example.com", "newer@example.com");
    const newer = await resetLinkFor("newer@example.com", "newer@example.com");
    expect(await viewResetLink(tokenOf(older))).toEqual({ state: "expired" });
    await expect(resetPassword(tokenOf(older), "some new password")).rejects.toMatchObject({
      fields: { token: ["reset_link_expired"] },
    });
    expect(await viewResetLink("A".repeat(43))).toEqual({ state: "invalid" });
    await expect(resetPassword("A".repeat(43), "some new password")).rejects.toMatchObject({
      code: "INVALID_STATE",
      fields: { token: ["reset_link_invalid"] },
    });
    expect(() => resetPasswordInput.parse({ token: tokenOf(newer), newPassword: "short" })).toThrow(
      /password_too_short/,
    );
    expect(() => resetPasswordInput.parse({ token: tokenOf(newer), newPassword: "x".repeat(129) })).toThrow();
    expect(() =>
      resetPasswordInput.parse({ token: tokenOf(newer), newPassword: "long enough", role: "admin" }),
    ).toThrow();
    await expect(resetPassword(tokenOf(newer), "the newest password")).resolves.toBeUndefined();
  });

  it("a verification link does not reset a password", async () => {
    const u = await createUser(t.db, { email: "purpose@example.com" });
    const { issueToken } = await import("./account-tokens");
    const token = await t.db.transaction((tx) => issueToken(tx, u.id, "email_verify", "purpose@example.com", 60_000));
    await expect(resetPassword(token, "some new password")).rejects.toMatchObject({
      fields: { token: ["reset_link_invalid"] },
    });
  });
});

describe("the direct send", () => {
  it("refuses to run with a database transaction open", async () => {
    await expect(
      t.db.transaction(() => sendEmailNow({ to: "a@example.com", subject: "x", text: "y" })),
    ).rejects.toThrow(/transaction open/);
  });
});
