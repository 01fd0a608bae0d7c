import { randomBytes, randomInt } from "node:crypto";

// Crockford base32 without I, L, O, U: readable aloud and unambiguous when typed.
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! & 31];
  return out;
}

/** Prefixed random ids ("usr_7H2K…"): they leak no counts and say what they point at. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBase32(16).toLowerCase()}`;
}

/** A public order number: date for humans, randomness so numbers say nothing about volume. */
export function newOrderNumber(now: Date): string {
  const ymd = now.toISOString().slice(2, 10).replaceAll("-", "");
  return `E${ymd}${randomBase32(6)}`;
}

/** A numeric code of `digits` digits from a CSPRNG (leading zeros kept). */
export function randomDigits(digits: number): string {
  let out = "";
  for (let i = 0; i < digits; i++) out += String(randomInt(10));
  return out;
}

/** A long secret for keys and tokens: 32 random bytes, URL-safe. */
export function newSecret(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}
