import { describe, expect, it } from "vitest";
import { AppError } from "../core/errors";
import { createUser } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { accountAddressLimit, parseCredentials, verifyCredentials } from "./credentials";

const t = setupTestDb();
// As Auth.js's authorize calls it: the credentials parsed at that boundary, then checked.
const verify = async (raw: unknown, ip: string) => verifyCredentials(parseCredentials(raw), ip);

async function attempt(identifier: string, password: string, ip: string) {
  try {
    return { ok: true as const, user: await verify({ identifier, password }, ip) };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { ok: false as const, code: err.code, message: err.message, status: err.status };
  }
}

describe("sign-in credentials", () => {
  it("accepts e-mail or phone with the right password", async () => {
    await createUser(t.db, { email: "mei@example.com", phone: "13900000001", password: "correct horse" });
    expect((await attempt("MEI@example.com", "correct horse", "10.0.0.1")).ok).toBe(true);
    expect((await attempt("139 0000 0001", "correct horse", "10.0.0.1")).ok).toBe(true);
    expect((await attempt("+8613900000001", "correct horse", "10.0.0.1")).ok).toBe(true);
  });

  it("answers an unknown account exactly like a wrong password", async () => {
    await createUser(t.db, { email: "li@example.com", password: "right password" });
    const wrong = await attempt("li@example.com", "wrong password", "10.0.0.2");
    const unknown = await attempt("nobody@example.com", "wrong password", "10.0.0.2");
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ ok: false, code: "INVALID_CREDENTIALS", status: 401 });
  });

  it("refuses a suspended account with the same answer", async () => {
    await createUser(t.db, { email: "gone@example.com", password: "right password", status: "suspended" });
    expect(await attempt("gone@example.com", "right password", "10.0.0.3")).toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
  });

  it("rate limits one account from one address, but not the owner from elsewhere", async () => {
    await createUser(t.db, { email: "victim@example.com", password: "victim password" });
    for (let i = 0; i < accountAddressLimit.max; i++) {
      expect(await attempt("victim@example.com", `guess ${i}`, "203.0.113.9")).toMatchObject({
        code: "INVALID_CREDENTIALS",
      });
    }
    const limited = await attempt("victim@example.com", "victim password", "203.0.113.9");
    expect(limited).toMatchObject({ ok: false, code: "RATE_LIMITED", status: 429 });
    expect((await attempt("victim@example.com", "victim password", "198.51.100.7")).ok).toBe(true);
  });

  it("throttles one address trying many accounts", async () => {
    const results = [];
    for (let i = 0; i < 101; i++) results.push(await attempt(`user${i}@example.com`, "password1", "192.0.2.55"));
    expect(results.slice(0, 100).every((r) => !r.ok && r.code === "INVALID_CREDENTIALS")).toBe(true);
    expect(results[100]).toMatchObject({ code: "RATE_LIMITED" });
  });

  it("rejects malformed input (objects, huge passwords) with the generic answer", async () => {
    const bad = [
      { identifier: { $gt: "" }, password: "x" },
      { identifier: "a@example.com", password: "x".repeat(10_000_000) },
      { identifier: "a@example.com", password: ["x"] },
      { identifier: "a@example.com", password: "x", extra: 1 },
    ];
    for (const input of bad) {
      await expect(verify(input, "10.9.9.9")).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
    }
  });
});
