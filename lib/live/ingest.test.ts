import { NextRequest } from "next/server";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { setupTestDb } from "../db/test-db";
import { createViewer } from "../../tests/support/viewers";
import { POST as srs } from "../../app/api/live/hooks/srs/route";
import { POST as nginx } from "../../app/api/live/hooks/nginx-rtmp/route";
import { eventsAfter } from "./events";
import { endAbandonedSessions, replayUrlFor } from "./ingest";
import { createSession, regenerateStreamKey } from "./sessions";

const t = setupTestDb();
afterEach(() => setClockForTests(null));

async function scheduled() {
  const streamer = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
  const soon = new Date(Date.now() + 30 * 60_000);
  const local = new Date(soon.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
  const { id } = await createSession(streamer, { title: "推流测试", scheduledAt: local });
  const { streamKey } = await regenerateStreamKey(streamer, { sessionId: id });
  return { id, streamKey, streamer };
}

const callSrs = async (body: Record<string, unknown>) => {
  const res = await srs(new NextRequest("http://127.0.0.1/api/live/hooks/srs", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }));
  return { status: res.status, body: await res.json() };
};
const callNginx = async (fields: Record<string, string>) => {
  const res = await nginx(new NextRequest("http://127.0.0.1/api/live/hooks/nginx-rtmp", { method: "POST", body: new URLSearchParams(fields), headers: { "content-type": "application/x-www-form-urlencoded" } }));
  return { status: res.status, location: res.headers.get("location") };
};
const status = async (id: string) => (await t.db.select().from(s.liveSessions).where(eq(s.liveSessions.id, id)))[0]!;
const srsPublish = (stream: string, param = "", client = "c1") => ({ action: "on_publish", client_id: client, ip: "127.0.0.1", vhost: "__defaultVhost__", app: "live", stream, param, server_id: "srs", stream_url: `/live/${stream}` });

describe("SRS callbacks", () => {
  it("on_publish with the session id and ?token=key starts the session: {code:0}", async () => {
    const w = await scheduled();
    expect(await callSrs(srsPublish(w.id, `?token=${w.streamKey}`))).toEqual({ status: 200, body: { code: 0 } });
    expect((await status(w.id)).status).toBe("live");
  });

  it("on_publish with the key as the stream name works too", async () => {
    const w = await scheduled();
    expect((await callSrs(srsPublish(w.streamKey))).body).toEqual({ code: 0 });
    expect((await status(w.id)).status).toBe("live");
  });

  it("a wrong, revoked or reused key, and an ended session, are refused", async () => {
    const w = await scheduled();
    expect((await callSrs(srsPublish(w.id, "?token=not-the-key"))).status).toBe(403);
    const { streamKey: fresh } = await regenerateStreamKey(w.streamer, { sessionId: w.id });
    expect((await callSrs(srsPublish(w.id, `?token=${w.streamKey}`))).status).toBe(403); // the old key is revoked
    expect((await callSrs(srsPublish(w.id, `?token=${fresh}`))).body).toEqual({ code: 0 });
    await t.db.update(s.liveSessions).set({ status: "ended" }).where(eq(s.liveSessions.id, w.id));
    expect((await callSrs(srsPublish(w.id, `?token=${fresh}`))).status).toBe(403);
  });

  it("a publish far outside the scheduled window is refused", async () => {
    const w = await scheduled();
    setClockForTests(new Date(Date.now() + 3 * 86_400_000));
    expect((await callSrs(srsPublish(w.id, `?token=${w.streamKey}`))).status).toBe(403);
    expect((await status(w.id)).status).toBe("scheduled");
  });

  it("unpublish then publish again within the grace: still live, one session_started; duplicates change nothing", async () => {
    const w = await scheduled();
    await callSrs(srsPublish(w.id, `?token=${w.streamKey}`, "c1"));
    await callSrs(srsPublish(w.id, `?token=${w.streamKey}`, "c1"));
    await callSrs({ action: "on_unpublish", client_id: "c1", app: "live", stream: w.id, param: "" });
    await callSrs({ action: "on_unpublish", client_id: "c1", app: "live", stream: w.id, param: "" });
    expect((await status(w.id)).unpublishedAt).not.toBeNull();
    await callSrs(srsPublish(w.id, `?token=${w.streamKey}`, "c2"));
    const row = await status(w.id);
    expect(row).toMatchObject({ status: "live", unpublishedAt: null, publishClientId: "c2" });
    // A late unpublish from the old connection must not start the grace clock for the new one.
    await callSrs({ action: "on_unpublish", client_id: "c1", app: "live", stream: w.id, param: "" });
    expect((await status(w.id)).unpublishedAt).toBeNull();
    const started = (await eventsAfter(w.id, 0)).filter((e) => e.type === "session_started");
    expect(started).toHaveLength(1);
  });

  it("after the grace the sweep ends the session, once", async () => {
    const w = await scheduled();
    await callSrs(srsPublish(w.id, `?token=${w.streamKey}`));
    await callSrs({ action: "on_unpublish", client_id: "c1", app: "live", stream: w.id });
    const later = new Date(Date.now() + 61_000);
    expect(await t.db.transaction((tx) => endAbandonedSessions(tx, new Date(Date.now() + 30_000)))).toBe(0);
    expect(await t.db.transaction((tx) => endAbandonedSessions(tx, later))).toBe(1);
    expect(await t.db.transaction((tx) => endAbandonedSessions(tx, later))).toBe(0);
    expect((await status(w.id)).status).toBe("ended");
  });

  it("on_dvr records the replay; on_play is allowed; bad bodies are refused", async () => {
    const w = await scheduled();
    await callSrs(srsPublish(w.id, `?token=${w.streamKey}`));
    expect((await callSrs({ action: "on_dvr", client_id: "c1", app: "live", stream: w.id, file: `./objs/nginx/html/live/${w.id}.flv.mp4` })).body).toEqual({ code: 0 });
    expect((await status(w.id)).replayUrl).toContain(`${w.id}.flv.mp4`);
    expect(replayUrlFor("/var/rec/live_x-1700000000.flv", "live_x")).toBe("http://127.0.0.1:8088/rec/live_x-1700000000.mp4");
    expect(replayUrlFor("live_x.m3u8", "live_x")).toBe("http://127.0.0.1:8088/hls/live_x.m3u8");
    expect(replayUrlFor("https://cdn.example.com/r.mp4", "live_x")).toBe("https://cdn.example.com/r.mp4");
    expect((await callSrs({ action: "on_play", client_id: "v1", app: "live", stream: w.id })).body).toEqual({ code: 0 });
    expect((await callSrs({ action: "on_hack", stream: w.id })).status).toBe(400);
  });
});

describe("nginx-rtmp callbacks", () => {
  it("publish allows with a token, renames a key-named stream to the session id, refuses a bad key", async () => {
    const w = await scheduled();
    expect((await callNginx({ call: "publish", app: "live", name: w.id, token: w.streamKey, addr: "127.0.0.1", clientid: "7" })).status).toBe(200);
    const other = await scheduled();
    expect(await callNginx({ call: "publish", app: "live", name: other.streamKey, addr: "127.0.0.1", clientid: "8" })).toEqual({ status: 302, location: other.id });
    expect((await callNginx({ call: "publish", app: "live", name: w.id, token: "wrong", clientid: "9" })).status).toBe(403);
    await callNginx({ call: "publish_done", app: "live", name: w.id, clientid: "7" });
    expect((await status(w.id)).unpublishedAt).not.toBeNull();
  });
});
