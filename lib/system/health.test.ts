import { afterEach, describe, expect, it } from "vitest";
import { closeDb } from "../db/client";
import { resetEnvForTests } from "../env";
import { GET } from "../../app/api/health/route";

describe("GET /api/health", () => {
  const saved = { ...process.env };
  afterEach(async () => {
    await closeDb();
    process.env = { ...saved };
    resetEnvForTests();
  });

  it("answers 503 with a reason (and no connection string) when the database is unreachable", async () => {
    process.env.DATABASE_URL = "postgres://postgres:secret-password@127.0.0.1:1/nowhere";
    resetEnvForTests();
    const res = await GET();
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toMatchObject({ ok: false, db: "postgres" });
    expect(typeof body.reason).toBe("string");
    expect(JSON.stringify(body)).not.toContain("secret-password");
  });
});
