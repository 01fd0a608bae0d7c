import "server-only";
import { eq, sql } from "drizzle-orm";
import { enforce, hit, revokeAllSessions, type Limit } from "../auth";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { hashPassword } from "../core/password";
import { getDb, schema as s } from "../db";
import { sendEmailNow } from "../events";
import { RESET_MINUTES, type ForgotPasswordInput, type LinkView, type ResetPasswordInput } from "./contract";
import { expireOpenTokens, findToken, issueToken, tokenState, useToken } from "./account-tokens";
import { resetEmail } from "./emails";
import { absoluteLink, newLinkToken } from "./tokens";

/** Per address: one host asking for many accounts. Per identifier: one inbox flooded from many hosts. */
export const resetAddressLimit: Limit = { max: 20, windowSeconds: 900 };
export const resetAccountLimit: Limit = { max: 5, windowSeconds: 900 };
/** Setting a new password from links: guessing tokens is hopeless (256 bits), still bounded per address. */
export const resetUseLimit: Limit = { max: 20, windowSeconds: 900 };

/** How the transport runs work that must not delay (or shape) its answer; inline by default, for tests. */
export type Deliver = (work: () => Promise<void>) => void | Promise<void>;
const inline: Deliver = (work) => work();

/**
 * "忘记密码": the same answer whether or not an account exists, and about the same time. Both limits are counted
 * for every request; a token is drawn and hashed either way; only an active account with an e-mail gets a stored
 * token (30 minutes, single use, replacing its earlier reset links). The e-mail goes out through `deliver` —
 * the action passes Next's `after`, so neither the SMTP server's delay nor its failure shows in the answer — and
 * never with a transaction open. The link is absolute: `origin` is AUTH_URL's or the request's.
 */
export async function requestPasswordReset(
  input: ForgotPasswordInput,
  ctx: { ip: string; origin: string; deliver?: Deliver },
): Promise<void> {
  const [perAddress, perAccount] = await Promise.all([
    hit(`pwreset:ip:${ctx.ip}`, resetAddressLimit),
    hit(`pwreset:acct:${input.identifier}`, resetAccountLimit),
  ]);
  const limited = [perAddress, perAccount].find((r) => r.limited);
  if (limited)
    throw new AppError("RATE_LIMITED", "too many password resets", {
      retryAfterSeconds: limited.retryAfterSeconds,
      params: { seconds: limited.retryAfterSeconds },
    });
  const token = newLinkToken();
  const db = await getDb();
  const [user] = await db
    .select({ id: s.users.id, name: s.users.name, email: s.users.email, status: s.users.status })
    .from(s.users)
    .where(input.identifier.includes("@") ? eq(s.users.email, input.identifier) : eq(s.users.phone, input.identifier));
  if (!user || user.status !== "active" || !user.email) return;
  const email = user.email;
  await db.transaction((tx) => issueToken(tx, user.id, "password_reset", email, RESET_MINUTES * 60_000, token));
  const link = absoluteLink(ctx.origin, `/reset-password/${token.token}`);
  await (ctx.deliver ?? inline)(async () => {
    await sendEmailNow(resetEmail(email, { name: user.name, link })).catch((err: unknown) =>
      console.warn("[password reset] e-mail not sent:", (err as Error).message),
    );
  });
}

/** The reset page: whether its link still works. Reads only. */
export async function viewResetLink(token: string): Promise<LinkView> {
  const db = await getDb();
  const row = await findToken(db, "password_reset", token);
  const state = tokenState(row, now());
  return state === "open" ? { state, expiresAt: row!.expiresAt } : { state };
}

const linkRefused = (state: string) =>
  new AppError("INVALID_STATE", `reset link ${state}`, { fields: { token: [`reset_link_${state}`] } });

/**
 * Sets the new password through a reset link: the link is used once (locked, then marked used), the password
 * replaced, every session of the account revoked, and its other reset links expired, in one transaction. The
 * argon2 hash is computed before it, so the transaction stays short; a link that does not work is refused before
 * that work. A link sent to the account's current e-mail also proves the address: it counts as verified.
 */
export async function resetPassword(input: ResetPasswordInput, ip: string): Promise<void> {
  await enforce(`pwreset-use:ip:${ip}`, resetUseLimit, "password resets");
  const db = await getDb();
  const first = tokenState(await findToken(db, "password_reset", input.token), now());
  if (first !== "open") throw linkRefused(first);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    const row = await findToken(tx, "password_reset", input.token, { lock: true });
    const at = now();
    const state = tokenState(row, at);
    if (state !== "open" || !(await useToken(tx, row!, at))) throw linkRefused(state === "open" ? "used" : state);
    await tx
      .update(s.users)
      .set({
        passwordHash,
        passwordChangedAt: at,
        updatedAt: at,
        emailVerifiedAt: sql`case when ${s.users.email} = ${row!.email} then coalesce(${s.users.emailVerifiedAt}, ${at}::timestamptz) else ${s.users.emailVerifiedAt} end`,
      })
      .where(eq(s.users.id, row!.userId));
    await revokeAllSessions(tx, row!.userId, "password_reset");
    await expireOpenTokens(tx, row!.userId, "password_reset", at);
  });
}
