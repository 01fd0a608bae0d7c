import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as s from "../db/schema";
import { setupTestDb } from "../db/test-db";
import { signUpInput } from "./contract";
import { signUp as createAccount } from "./sign-up";
import { parseCredentials, verifyCredentials } from "./credentials";

const t = setupTestDb();
// As the sign-up action and Auth.js call them: the form parsed at the transport first.
const signUp = async (raw: unknown, ip: string) => createAccount(signUpInput.parse(raw), ip);
const verify = async (raw: unknown, ip: string) => verifyCredentials(parseCredentials(raw), ip);
const users = async () => (await t.db.select({ n: count() }).from(s.users))[0]!.n;

describe("sign-up", () => {
  it("creates a consumer who can then sign in by e-mail or phone", async () => {
    await signUp(
      { name: "王小米", email: "Xiaomi@Example.com", phone: "138-1234-5678", password: "long enough" },
      "10.1.0.1",
    );
    await expect(
      verify({ identifier: "xiaomi@example.com", password: "long enough" }, "10.1.0.1"),
    ).resolves.toMatchObject({ name: "王小米" });
    await expect(verify({ identifier: "13812345678", password: "long enough" }, "10.1.0.1")).resolves.toBeTruthy();
  });

  it.each([
    ["unknown field", { name: "a", email: "a@example.com", password: "long enough", role: "admin" }],
    ["wrong type", { name: 42, email: "a@example.com", password: "long enough" }],
    ["over-long name", { name: "a".repeat(41), email: "a@example.com", password: "long enough" }],
    ["over-long password", { name: "a", email: "a@example.com", password: "x".repeat(129) }],
    ["short password", { name: "a", email: "a@example.com", password: "short" }],
    ["no e-mail or phone", { name: "a", password: "long enough" }],
    ["bad phone", { name: "a", phone: "12345", password: "long enough" }],
    ["bad e-mail", { name: "a", email: "not-an-email", password: "long enough" }],
  ])("%s: a clear field error and nothing written", async (_, input) => {
    const before = await users();
    const err = await signUp(input, "10.1.0.2").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(z.ZodError);
    expect((err as z.ZodError).issues.length).toBeGreaterThan(0);
    expect(await users()).toBe(before);
  });

  it("refuses a taken e-mail with a field error", async () => {
    await signUp({ name: "a", email: "taken@example.com", password: "long enough" }, "10.1.0.3");
    await expect(
      signUp({ name: "b", email: "TAKEN@example.com", password: "long enough" }, "10.1.0.3"),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      fields: { email: ["email_taken"] },
    });
  });

  it("two sign-ups racing for one e-mail: exactly one account", async () => {
    const before = await users();
    const results = await Promise.allSettled(
      [1, 2, 3].map((i) =>
        signUp({ name: `r${i}`, email: "race@example.com", password: "long enough" }, `10.1.1.${i}`),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await users()).toBe(before + 1);
  });
});
