import { describe, expect, it } from "vitest";
import { setupTestDb, testDriver } from "../db/test-db";
import { GET } from "../../app/api/health/route";

setupTestDb();

describe("GET /api/health", () => {
  it(`answers ok with the driver in use (${testDriver()})`, async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, db: testDriver() });
  });
});
