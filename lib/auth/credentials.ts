import "server-only";
import { eq } from "drizzle-orm";
import { AppError } from "../core/errors";
import { verifyPassword } from "../core/password";
import { getDb, schema as s } from "../db";
import { parseIdentifier, signInInput, type SignInInput } from "./contract";
import { hit, resetLimit, type Limit } from "./rate-limit";

// Per (account, address): stops guessing one password; the same account from another address is untouched,
// so an attacker cannot lock the owner out. Per address: stops one host trying many accounts.
export const accountAddressLimit: Limit = { max: 10, windowSeconds: 300 };
export const addressLimit: Limit = { max: 100, windowSeconds: 900 };

export interface VerifiedUser {
  id: string;
  name: string;
  email: string | null;
}

const invalid = () => new AppError("INVALID_CREDENTIALS", "unknown account or wrong password");

/**
 * The credentials Auth.js hands to `authorize`, parsed by the sign-in contract. Anything malformed (an object
 * for an identifier, a huge password, an extra field) gets the same answer as a wrong password.
 */
export function parseCredentials(raw: unknown): SignInInput {
  const parsed = signInInput.safeParse(raw);
  if (!parsed.success) throw invalid();
  return parsed.data;
}

/**
 * Checks an identifier and password. Unknown account and wrong password take the same time and give the
 * same error. Counts attempts per account+address and per address; a success clears the first.
 */
export async function verifyCredentials(input: SignInInput, ip: string): Promise<VerifiedUser> {
  const { identifier, password } = input;
  const id = parseIdentifier(identifier);
  const accountKey = `signin:acct:${id ? Object.values(id)[0] : identifier.toLowerCase()}:${ip}`;
  const [perAccount, perAddress] = await Promise.all([
    hit(accountKey, accountAddressLimit),
    hit(`signin:ip:${ip}`, addressLimit),
  ]);
  const limited = [perAccount, perAddress].find((r) => r.limited);
  if (limited) {
    throw new AppError("RATE_LIMITED", "too many sign-in attempts", {
      retryAfterSeconds: limited.retryAfterSeconds,
      params: { seconds: limited.retryAfterSeconds },
    });
  }
  const db = await getDb();
  const [user] = id
    ? await db
        .select()
        .from(s.users)
        .where("email" in id ? eq(s.users.email, id.email) : eq(s.users.phone, id.phone))
    : [];
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!ok || !user || user.status !== "active") throw invalid();
  await resetLimit(accountKey);
  return { id: user.id, name: user.name, email: user.email };
}

/** The account an identifier (e-mail or phone) names, if any: for work that follows a successful sign-in. */
export async function userIdForIdentifier(identifier: string): Promise<string | null> {
  const id = parseIdentifier(identifier);
  if (!id) return null;
  const db = await getDb();
  const [user] = await db
    .select({ id: s.users.id })
    .from(s.users)
    .where("email" in id ? eq(s.users.email, id.email) : eq(s.users.phone, id.phone));
  return user?.id ?? null;
}
