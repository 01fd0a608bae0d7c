import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as s from "../db/schema";
import { setupTestDb } from "../db/test-db";
import { resetEnvForTests } from "../env";
import { createViewer } from "../../tests/support/viewers";
import { createSession, setReplayUrl, updateSession } from "../../tests/support/forms/live";

const t = setupTestDb();
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

function production() {
  vi.stubEnv("NODE_ENV", "production");
  resetEnvForTests();
}

const streamer = () => createViewer(t.db, { memberships: [{ kind: "streamer" }] });
const fields = { title: "地址测试", scheduledAt: "2026-12-01T20:00" };
const sessionsOf = async (userId: string) =>
  t.db.select().from(s.liveSessions).where(eq(s.liveSessions.streamerId, userId));
const invalidUrl = (field: string) => ({ code: "VALIDATION", fields: { [field]: ["invalid_url"] } });

describe("streamer-typed stream URLs (defect 12)", () => {
  it("[ISSUE12-D12] in production an http://127.0.0.1 or http://localhost playback URL is refused (VALIDATION invalid_url) and no session is written", async () => {
    production();
    const v = await streamer();
    await expect(
      createSession(v, { ...fields, externalPlaybackUrl: "http://127.0.0.1:8088/hls/x.m3u8" }),
    ).rejects.toMatchObject(invalidUrl("externalPlaybackUrl"));
    await expect(createSession(v, { ...fields, externalPlaybackUrl: "http://localhost/x.m3u8" })).rejects.toMatchObject(
      invalidUrl("externalPlaybackUrl"),
    );
    expect(await sessionsOf(v.userId)).toEqual([]);
    const { id } = await createSession(v, { ...fields, externalPlaybackUrl: "https://cdn.example.com/x.m3u8" });
    expect((await sessionsOf(v.userId)).map((r) => r.externalPlaybackUrl)).toEqual(["https://cdn.example.com/x.m3u8"]);
    await expect(
      updateSession(v, { sessionId: id, ...fields, externalPlaybackUrl: "http://localhost/y.m3u8" }),
    ).rejects.toMatchObject(invalidUrl("externalPlaybackUrl"));
    expect((await sessionsOf(v.userId)).map((r) => r.externalPlaybackUrl)).toEqual(["https://cdn.example.com/x.m3u8"]);
  });

  it("[ISSUE12-D12] in production an http loopback replay URL is refused and the replay stays as it was; https is taken", async () => {
    production();
    const v = await streamer();
    const { id } = await createSession(v, fields);
    await expect(setReplayUrl(v, { sessionId: id, replayUrl: "http://127.0.0.1/replay.mp4" })).rejects.toMatchObject(
      invalidUrl("replayUrl"),
    );
    await expect(
      setReplayUrl(v, { sessionId: id, replayUrl: "http://localhost:8088/rec/replay.mp4" }),
    ).rejects.toMatchObject(invalidUrl("replayUrl"));
    expect((await sessionsOf(v.userId))[0]!.replayUrl).toBeNull();
    await setReplayUrl(v, { sessionId: id, replayUrl: "https://video.example.com/replay.mp4" });
    expect((await sessionsOf(v.userId))[0]!.replayUrl).toBe("https://video.example.com/replay.mp4");
  });

  it("[ISSUE12-D12] outside production http on loopback stays allowed (a streaming server on the streamer's machine); other http never", async () => {
    const v = await streamer();
    const { id } = await createSession(v, { ...fields, externalPlaybackUrl: "http://127.0.0.1:8088/hls/x.m3u8" });
    await setReplayUrl(v, { sessionId: id, replayUrl: "http://localhost:8088/rec/x.mp4" });
    expect(await sessionsOf(v.userId)).toMatchObject([
      { externalPlaybackUrl: "http://127.0.0.1:8088/hls/x.m3u8", replayUrl: "http://localhost:8088/rec/x.mp4" },
    ]);
    await expect(setReplayUrl(v, { sessionId: id, replayUrl: "http://evil.tld/x.mp4" })).rejects.toMatchObject({
      issues: [{ path: ["replayUrl"], message: "invalid_url" }],
    });
  });
});
