import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/contract";
import { setStationStatus } from "@/lib/stations";
import { createStation } from "@/lib/db/seed/factories";
import { setupTestDb } from "@/lib/db/test-db";
import { createViewer } from "@/tests/support/viewers";
import { GET } from "./route";

// The route asks lib/auth who is calling; outside a Next request there is no session cookie to read.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));

const t = setupTestDb();

async function csv(as: Viewer | null, query: string) {
  session.viewer = as;
  const res = await GET(new NextRequest(`http://shop.test/admin/audit/export?${query}`));
  return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
}

describe("the audit log's CSV route", () => {
  it("gives an admin the filtered rows as a CSV file; others 404, anonymous 401, a bad filter 400", async () => {
    const admin = await createViewer(t.db, { memberships: [{ kind: "admin" }] });
    const buyer = await createViewer(t.db);
    const station = await createStation(t.db);
    await setStationStatus(admin, { stationId: station.id, status: "suspended" });

    const ok = await csv(admin, `entityKind=station&entityId=${station.id}`);
    expect(ok.status).toBe(200);
    expect(ok.type).toBe("text/csv; charset=utf-8");
    const lines = ok.body.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(
      `,${admin.userId},${admin.name},${admin.email},station.suspend,station,${station.id},"{""status"":""active""}","{""status"":""suspended""}"`,
    );
    expect((await csv(buyer, "entityKind=station")).status).toBe(404);
    expect((await csv(null, "entityKind=station")).status).toBe(401);
    expect((await csv(admin, "from=yesterday")).status).toBe(400);
    expect((await csv(admin, "delete=1")).status).toBe(400);
  });
});
