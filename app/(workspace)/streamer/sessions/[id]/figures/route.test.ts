import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/contract";
import { setupTestDb } from "@/lib/db/test-db";
import { createSession, goLive } from "@/tests/support/forms/live";
import { createViewer } from "@/tests/support/viewers";
import { GET } from "./route";

// The route asks lib/auth who is calling; outside a Next request there is no session cookie to read.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));

const t = setupTestDb();

async function figures(as: Viewer | null, id: string) {
  session.viewer = as;
  const res = await GET(new NextRequest(`http://shop.test/streamer/sessions/${id}/figures`), {
    params: Promise.resolve({ id }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { orders?: number; revenueFen?: number; drops?: unknown[]; error?: { code: string } },
  };
}

describe("the control room's figures route", () => {
  it("answers the session's streamer; another streamer and a consumer get 404, nobody 401", async () => {
    const streamer = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
    const other = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
    const consumer = await createViewer(t.db);
    const { id } = await createSession(streamer, { title: "数字直播", scheduledAt: "2026-12-01T20:00" });
    await goLive(streamer, { sessionId: id });

    const mine = await figures(streamer, id);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ orders: 0, revenueFen: 0, drops: [] });
    expect((await figures(other, id)).status).toBe(404);
    expect((await figures(streamer, "live_doesnotexist00")).status).toBe(404);
    expect((await figures(consumer, id)).status).toBe(404);
    expect((await figures(null, id)).status).toBe(401);
  });
});
