import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/contract";
import { setupTestDb } from "@/lib/db/test-db";
import { moneyWorld } from "@/tests/support/money-world";
import { createViewer } from "@/tests/support/viewers";
import { GET } from "./route";

// The route asks lib/auth who is calling; outside a Next request there is no session cookie to read.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));

const t = setupTestDb();

async function csv(as: Viewer | null, query: string) {
  session.viewer = as;
  const res = await GET(new NextRequest(`http://shop.test/api/reports/export?${query}`));
  return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
}

describe("GET /api/reports/export — a report's table as CSV", () => {
  it("the cooperative's own figures in yuan; someone else's report 404, anonymous 401, an unknown table 400", async () => {
    const w = await moneyWorld(t.db);
    const number = await w.shopOrder([{ variantId: w.riceVariant, quantity: 2 }]);
    expect(number).toMatch(/^E/);
    const ok = await csv(w.member, `report=coop&id=${w.coop.id}&table=channels&range=7d`);
    expect(ok.status).toBe(200);
    expect(ok.type).toBe("text/csv; charset=utf-8");
    const lines = ok.body.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines.slice(0, 3)).toEqual(["channel,revenue,orders,units,share", "shop,256,1,2,1", "campaign,0,0,0,0"]);
    const stranger = await createViewer(t.db);
    expect((await csv(stranger, `report=coop&id=${w.coop.id}&table=channels`)).status).toBe(404);
    expect((await csv(w.manager, `report=coop&id=${w.coop.id}&table=channels`)).status).toBe(404);
    expect((await csv(null, `report=coop&id=${w.coop.id}&table=channels`)).status).toBe(401);
    expect((await csv(w.member, `report=coop&id=${w.coop.id}&table=secrets`)).status).toBe(400);
    expect((await csv(w.member, `report=coop&id=${w.coop.id}&table=Channels`)).status).toBe(400);
    expect((await csv(w.member, `report=ledger&id=${w.coop.id}&table=channels`)).status).toBe(400);
    expect((await csv(w.manager, `report=station&id=${w.station.id}&table=days&range=7d`)).status).toBe(200);
    expect((await csv(w.member, `report=admin&id=platform&table=weeks`)).status).toBe(404);
    expect((await csv(w.admin, `report=admin&id=platform&table=coops`)).status).toBe(200);
  });
});
