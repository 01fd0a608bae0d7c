import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/lib/db/schema";
import { createUser } from "@/lib/db/seed/factories";
import { setupTestDb } from "@/lib/db/test-db";
import { resetEnvForTests } from "@/lib/env";
import { linkIn, setupSmtpServer } from "@/tests/support/smtp";
import { forgotPasswordAction } from "./actions";

// What a Next request would supply: its headers (a hostile Host among them), and `after`, which runs its work once
// the answer has gone out.
const request = vi.hoisted(() => ({
  headers: new Headers({ origin: "http://evil.example", host: "evil.example", "x-forwarded-host": "evil.example" }),
  after: [] as (() => unknown)[],
}));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/server", async (original) => ({
  ...(await original<Record<string, unknown>>()),
  after: (work: () => unknown) => void request.after.push(work),
}));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => null }));

const t = setupTestDb();
const smtp = setupSmtpServer();
beforeAll(() => {
  process.env.AUTH_URL = "https://shop.example.com";
  resetEnvForTests();
});
afterAll(() => {
  delete process.env.AUTH_URL;
  resetEnvForTests();
});

const ask = async (identifier: string) => {
  const form = new FormData();
  form.set("identifier", identifier);
  const answer = await forgotPasswordAction(null, form);
  const queued = request.after.splice(0);
  return { answer, run: () => Promise.all(queued.map((w) => w())) };
};

describe("forgotPasswordAction", () => {
  it("answers a known and an unknown account alike; the e-mail goes after the answer, linked to AUTH_URL", async () => {
    await createUser(t.db, { email: "known@example.com" });
    const known = await ask("known@example.com");
    const unknown = await ask("unknown@example.com");
    expect(known.answer).toEqual({ ok: true, data: undefined });
    expect(unknown.answer).toEqual(known.answer);
    // Nothing was sent while answering.
    expect(smtp.mails).toEqual([]);
    await known.run();
    await unknown.run();
    expect(smtp.mails.map((m) => m.to)).toEqual(["known@example.com"]);
    // The request's Host and X-Forwarded-Host said evil.example: the link is the configured site's.
    expect(linkIn(smtp.mails[0], "/reset-password/")).toMatch(/^https:\/\/shop\.example\.com\/reset-password\//);
    expect((await t.db.select({ n: count() }).from(s.accountTokens))[0]!.n).toBe(1);
  });

  it("a malformed identifier is a field error, for everyone alike", async () => {
    const { answer } = await ask("not an address");
    expect(answer).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fields: { identifier: ["请输入邮箱或 11 位手机号"] },
    });
  });
});
