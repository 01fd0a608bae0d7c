import { act, ok, redirectedTo } from "./actions";
import type { HttpClient } from "./http";
import type { TestApp } from "./test-app";

/** Shanghai wall-clock "YYYY-MM-DDTHH:MM", `minutes` from now (the forms' datetime-local format). */
export const shanghai = (minutes: number) =>
  new Date(Date.now() + minutes * 60_000 + 8 * 3600_000).toISOString().slice(0, 16);

const STREAMER = "app/(workspace)/streamer/actions.ts";

/** A session scheduled by the streamer (signed in on `streamer`), through the studio's own actions. */
export async function scheduleSession(streamer: HttpClient, title: string): Promise<string> {
  const to = redirectedTo(
    await act(streamer, STREAMER, "createSessionAction", { title, scheduledAt: shanghai(30), coopIds: "coop_daliu" }),
  );
  return /\/streamer\/sessions\/([a-z0-9_]+)/.exec(to)![1]!;
}

/** The streamer goes live with the product in the bag and opens a drop of it; returns the session and the drop. */
export async function openLiveDrop(
  app: TestApp,
  streamer: HttpClient,
  o: { productId: string; variantId: string; cap: number; perBuyerLimit: number; price?: string; sessionId?: string },
): Promise<{ sessionId: string; dropId: string }> {
  const sessionId = o.sessionId ?? (await scheduleSession(streamer, "故障演练直播"));
  ok(await act(streamer, STREAMER, "setBagAction", { sessionId, productIds: o.productId }), "bag");
  ok(await act(streamer, STREAMER, "goLiveAction", { sessionId }), "go live");
  ok(
    await act(streamer, STREAMER, "openDropAction", {
      sessionId,
      variantId: o.variantId,
      price: o.price ?? "40",
      quantityCap: String(o.cap),
      perBuyerLimit: String(o.perBuyerLimit),
      durationSeconds: "3600",
    }),
    "drop",
  );
  const [drop] = await app.query<{ id: string }>(
    "select id from live_drops where session_id = $1 order by created_at desc limit 1",
    [sessionId],
  );
  return { sessionId, dropId: drop!.id };
}
