import { createHash } from "node:crypto";
import * as s from "../schema";
import type { Tx } from "../types";

/** The demo stream key of the scheduled session (demo seed only; README shows how to publish with it). */
export const DEMO_STREAM_KEY = "demo-stream-key";

/**
 * Live demo data for streamer@example.com: "湖墩新米直播" scheduled an hour after seeding, with 湖墩大米 and two
 * more products in its bag, and an ended session with a replay and a pin timeline.
 */
export async function seedDemoLive(tx: Tx) {
  const day = 86_400_000;
  const now = Date.now();
  // An hour from when the demo is set up: within its publish window, so a newcomer can go live at once.
  const soon = new Date(now + 3600_000);
  await tx.insert(s.liveSessions).values({
    id: "live_demo_hudun",
    streamerId: "usr_demo_streamer",
    title: "湖墩新米直播",
    description: "大柳村合作社负责人和小柳一起,讲讲湖墩大米从稻田到饭碗的故事。直播间限时抢购,驿站次日自提。",
    coverImagePath: "/images/live/cover-hudun.svg",
    scheduledAt: new Date(Math.ceil(soon.getTime() / 600_000) * 600_000),
    streamKeyHash: createHash("sha256").update(DEMO_STREAM_KEY).digest("hex"),
    streamKeyHint: DEMO_STREAM_KEY.slice(-4),
  });
  await tx.insert(s.liveSessionCoops).values({ sessionId: "live_demo_hudun", coopId: "coop_daliu" });
  await tx.insert(s.liveBagItems).values([
    { sessionId: "live_demo_hudun", productId: "prd_hudun_rice", position: 0 },
    { sessionId: "live_demo_hudun", productId: "prd_daliu_rapeseed_oil", position: 1, priceRevealed: false },
    { sessionId: "live_demo_hudun", productId: "prd_yaozhuang_yellow_peach", position: 2 },
  ]);

  const started = new Date(now - 3 * day);
  await tx.insert(s.liveSessions).values({
    id: "live_demo_replay",
    streamerId: "usr_demo_streamer",
    title: "姚庄黄桃丰收季 · 直播回放",
    description: "桃农带大家逛桃园,讲讲黄桃怎么挑、怎么存。",
    coverImagePath: "/images/live/cover-replay.svg",
    scheduledAt: started,
    status: "ended",
    startedAt: started,
    endedAt: new Date(started.getTime() + 90_000),
    replayUrl: "/replays/demo-replay.mp4",
  });
  await tx.insert(s.liveBagItems).values([
    { sessionId: "live_demo_replay", productId: "prd_yaozhuang_yellow_peach", position: 0 },
    { sessionId: "live_demo_replay", productId: "prd_yellow_peach_can", position: 1 },
    { sessionId: "live_demo_replay", productId: "prd_xitang_bazhengao", position: 2 },
  ]);
  // The replay video is 90 s long; the timeline marks three products in it.
  const at = (sec: number) => new Date(started.getTime() + sec * 1000);
  await tx.insert(s.livePins).values([
    {
      id: "pin_demo_1",
      sessionId: "live_demo_replay",
      productId: "prd_yaozhuang_yellow_peach",
      pinnedAt: at(5),
      unpinnedAt: at(35),
    },
    {
      id: "pin_demo_2",
      sessionId: "live_demo_replay",
      productId: "prd_yellow_peach_can",
      pinnedAt: at(40),
      unpinnedAt: at(65),
    },
    {
      id: "pin_demo_3",
      sessionId: "live_demo_replay",
      productId: "prd_xitang_bazhengao",
      pinnedAt: at(70),
      unpinnedAt: at(88),
    },
  ]);
  await tx.insert(s.liveEvents).values([
    {
      sessionId: "live_demo_replay",
      type: "session_started",
      payload: { startedAt: started.toISOString() },
      createdAt: started,
    },
    {
      sessionId: "live_demo_replay",
      type: "session_ended",
      payload: { endedAt: at(90).toISOString() },
      createdAt: at(90),
    },
  ]);
}
