import "server-only";
import { createDecipheriv, createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { JWT } from "next-auth/jwt";

/**
 * Decrypts an Auth.js session token (a JWE, "dir" key management, A256CBC-HS512 as Auth.js writes it, or
 * A256GCM) with Node's own crypto, synchronously: RFC 7516/7518 exactly as `decode` from next-auth/jwt reads it
 * (key = HKDF-SHA256(secret, salt, "Auth.js Generated Encryption Key (<salt>)"), the key's JWK thumbprint as
 * kid, claims checked with 15 s of clock tolerance), about 50× cheaper: that library goes through WebCrypto, ~0.5 ms
 * of CPU per cookie, the largest cost of a signed-in request to the routes the Node entry answers itself. The
 * derived keys are kept. Anything that does not decrypt and verify is null. lib/auth/session-token.test.ts checks
 * it against the library's own encode and decode.
 */
export function decryptSessionToken(
  token: string,
  secrets: string | string[],
  salt: string,
  at = Date.now(),
): JWT | null {
  const parts = token.split(".");
  if (parts.length !== 5) return null;
  const [protectedHeader, encryptedKey, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  let header: { alg?: unknown; enc?: unknown; kid?: unknown; zip?: unknown };
  try {
    header = JSON.parse(Buffer.from(protectedHeader, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (header.alg !== "dir" || encryptedKey !== "" || header.zip !== undefined) return null;
  if (header.enc !== "A256CBC-HS512" && header.enc !== "A256GCM") return null;
  for (const secret of Array.isArray(secrets) ? secrets : [secrets]) {
    const key = derivedKey(header.enc, secret, salt);
    if (header.kid !== undefined && header.kid !== key.kid) continue;
    const plaintext = decrypt(header.enc, key.bytes, protectedHeader, iv, ciphertext, tag);
    if (!plaintext) return null;
    let payload: JWT;
    try {
      payload = JSON.parse(plaintext.toString("utf8"));
    } catch {
      return null;
    }
    if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return null;
    const now = Math.floor(at / 1000);
    if (payload.exp !== undefined && (typeof payload.exp !== "number" || payload.exp <= now - TOLERANCE_SECONDS))
      return null;
    if (payload.nbf !== undefined && (typeof payload.nbf !== "number" || payload.nbf > now + TOLERANCE_SECONDS))
      return null;
    return payload;
  }
  return null;
}

const TOLERANCE_SECONDS = 15;
const keys = new Map<string, { bytes: Buffer; kid: string }>();

function derivedKey(enc: "A256CBC-HS512" | "A256GCM", secret: string, salt: string) {
  const id = `${enc}\n${salt}\n${secret}`;
  let key = keys.get(id);
  if (!key) {
    const length = enc === "A256CBC-HS512" ? 64 : 32;
    const bytes = Buffer.from(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, length));
    // RFC 7638 thumbprint of {"k","kty"} with SHA-256 or SHA-512 by the key's size, as Auth.js names its keys.
    const jwk = JSON.stringify({ k: bytes.toString("base64url"), kty: "oct" });
    const kid = createHash(length === 64 ? "sha512" : "sha256")
      .update(jwk)
      .digest("base64url");
    key = { bytes, kid };
    if (keys.size > 16) keys.clear();
    keys.set(id, key);
  }
  return key;
}

function decrypt(
  enc: "A256CBC-HS512" | "A256GCM",
  key: Buffer,
  protectedHeader: string,
  ivB64: string,
  ciphertextB64: string,
  tagB64: string,
): Buffer | null {
  const iv = Buffer.from(ivB64, "base64url");
  const ciphertext = Buffer.from(ciphertextB64, "base64url");
  const tag = Buffer.from(tagB64, "base64url");
  const aad = Buffer.from(protectedHeader, "ascii");
  try {
    if (enc === "A256GCM") {
      if (iv.length !== 12 || tag.length !== 16) return null;
      const d = createDecipheriv("aes-256-gcm", key, iv);
      d.setAAD(aad);
      d.setAuthTag(tag);
      return Buffer.concat([d.update(ciphertext), d.final()]);
    }
    if (iv.length !== 16 || tag.length !== 32) return null;
    // RFC 7518 5.2.2.1: MAC key is the first half, encryption key the second; tag = first half of
    // HMAC-SHA-512(AAD || IV || ciphertext || AAD length in bits as a 64-bit big-endian number).
    const al = Buffer.alloc(8);
    al.writeBigUInt64BE(BigInt(aad.length * 8));
    const mac = createHmac("sha512", key.subarray(0, 32)).update(aad).update(iv).update(ciphertext).update(al).digest();
    if (!timingSafeEqual(mac.subarray(0, 32), tag)) return null;
    const d = createDecipheriv("aes-256-cbc", key.subarray(32), iv);
    return Buffer.concat([d.update(ciphertext), d.final()]);
  } catch {
    return null;
  }
}
