import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/contract";
import { setClockForTests } from "@/lib/core/clock";
import { createProduct } from "@/lib/db/seed/factories";
import { setupTestDb } from "@/lib/db/test-db";
import { moneyWorld } from "@/tests/support/money-world";
import { createViewer } from "@/tests/support/viewers";
import { GET } from "./route";

// The route asks lib/auth who is calling; outside a Next request there is no session cookie to read.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));

const t = setupTestDb();
afterEach(() => setClockForTests(null));

async function csv(as: Viewer | null, query: string) {
  session.viewer = as;
  const res = await GET(new NextRequest(`http://shop.test/api/finance/statement?${query}`));
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    name: res.headers.get("content-disposition"),
    body: await res.text(),
  };
}

describe("GET /api/finance/statement — a statement as CSV", () => {
  it("the week's opening, each entry in yuan and fen with its order, the closing; a formula in a name stays text", async () => {
    const w = await moneyWorld(t.db);
    // A cooperative named its product like a spreadsheet formula.
    const evil = await createProduct(t.db, {
      coopId: w.coop.id,
      nameZh: '=HYPERLINK("http://evil")',
      variants: [{ priceFen: 10000, stock: 5 }],
    });
    setClockForTests(new Date("2026-11-30T02:00:00Z"));
    const number = await w.shopOrder([{ variantId: evil.variants[0]!.id, quantity: 1 }]);
    await w.toStation([number]);
    setClockForTests(new Date("2026-12-01T02:00:00Z"));
    await w.handOver(number);
    const ok = await csv(w.member, `kind=coop&id=${w.coop.id}&period=week&day=2026-12-02`);
    expect(ok.status).toBe(200);
    expect(ok.type).toBe("text/csv; charset=utf-8");
    expect(ok.name).toBe('attachment; filename="statement-coop-2026-11-30-week.csv"');
    const lines = ok.body.replace(/^\uFEFF/, "").split("\r\n");
    // ¥100 less 5 % (station) and 3 % (platform): 92.
    expect(lines.slice(1, 4).map((l) => l.replace(/^\d+,[^,]+,/, "#,"))).toEqual([
      ",,2026-11-30,opening_balance,,,,,0,,0",
      `#,2026-12-01 10:00:00,earned,,${number},"'=HYPERLINK(""http://evil"") 标准装",92,92,9200,9200`,
      ",,2026-12-06,closing_balance,,,,,92,,9200",
    ]);
  });

  it("someone else's statement is 404, anonymous 401, bad input 400; the platform's is the admin's alone", async () => {
    const w = await moneyWorld(t.db);
    const stranger = await createViewer(t.db);
    expect((await csv(stranger, `kind=coop&id=${w.coop.id}`)).status).toBe(404);
    expect((await csv(w.manager, `kind=coop&id=${w.coop.id}`)).status).toBe(404);
    expect((await csv(w.member, `kind=station&id=${w.station.id}`)).status).toBe(404);
    expect((await csv(null, `kind=coop&id=${w.coop.id}`)).status).toBe(401);
    expect((await csv(w.member, `kind=coop&id=${w.coop.id}&day=2026-02-30`)).status).toBe(400);
    expect((await csv(w.member, `kind=coop&id=${w.coop.id}&period=year`)).status).toBe(400);
    expect((await csv(w.member, `kind=coop&id=${w.coop.id}&drop=1`)).status).toBe(400);
    expect((await csv(w.member, "kind=platform&id=platform")).status).toBe(404);
    expect((await csv(w.admin, "kind=platform&id=platform")).status).toBe(200);
    expect((await csv(w.admin, `kind=coop&id=${w.coop.id}`)).status).toBe(200);
    expect((await csv(w.streamer, `kind=streamer&id=${w.streamer.userId}`)).status).toBe(200);
    expect((await csv(w.streamer, `kind=streamer&id=${w.buyer.userId}`)).status).toBe(404);
  });
});
