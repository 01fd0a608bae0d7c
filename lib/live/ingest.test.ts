import { NextRequest } from "next/server";
import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { setupTestDb } from "../db/test-db";
import { resetEnvForTests } from "../env";
import { createViewer } from "../../tests/support/viewers";
import { fromPeer } from "../../tests/support/peer";
import { POST as srs } from "../../app/api/live/hooks/srs/route";
import { POST as nginx } from "../../app/api/live/hooks/nginx-rtmp/route";
import { eventsAfter } from "./events";
import { endAbandonedSessions, replayUrlFor } from "./ingest";
import { hookAddressAllowed } from "./hook-guard";
import { createSession, regenerateStreamKey } from "../../tests/support/forms/live";

const t = setupTestDb();
afterEach(() => {
  setClockForTests(null);
  vi.unstubAllEnvs();
  resetEnvForTests();
});

function stubEnv(vars: Record<string, string>) {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  resetEnvForTests();
}

async function scheduled() {
  const streamer = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
  const soon = new Date(Date.now() + 30 * 60_000);
  const local = new Date(soon.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
  const { id } = await createSession(streamer, { title: "推流测试", scheduledAt: local });
  const { streamKey } = await regenerateStreamKey(streamer, { sessionId: id });
  return { id, streamKey, streamer };
}

interface CallOptions {
  /** The socket peer server.ts would record; null: no server.ts in front (the header is absent). */
  peer?: string | null;
  headers?: Record<string, string>;
  /** Appended to the hook URL, e.g. "?secret=…". */
  query?: string;
  contentType?: string;
  /** A raw body instead of the encoded fields. */
  body?: BodyInit;
}

function hookRequest(path: string, body: BodyInit, contentType: string | undefined, o: CallOptions): NextRequest {
  const headers: Record<string, string> = { ...(o.peer === null ? {} : fromPeer(o.peer ?? "127.0.0.1")), ...o.headers };
  if (contentType) headers["content-type"] = contentType;
  return new NextRequest(`http://127.0.0.1${path}${o.query ?? ""}`, { method: "POST", body, headers });
}

const callSrs = async (body: Record<string, unknown>, o: CallOptions = {}) => {
  const res = await srs(
    hookRequest(
      "/api/live/hooks/srs",
      o.body ?? JSON.stringify(body),
      "contentType" in o ? o.contentType : "application/json",
      o,
    ),
  );
  return { status: res.status, body: await res.json() };
};
const callNginx = async (fields: Record<string, string>, o: CallOptions = {}) => {
  const res = await nginx(
    hookRequest(
      "/api/live/hooks/nginx-rtmp",
      o.body ?? new URLSearchParams(fields).toString(),
      "contentType" in o ? o.contentType : "application/x-www-form-urlencoded",
      o,
    ),
  );
  return { status: res.status, text: await res.text(), location: res.headers.get("location") };
};

const row = async (id: string) => (await t.db.select().from(s.liveSessions).where(eq(s.liveSessions.id, id)))[0]!;
/** Everything an ingest callback can change: the session's row and its event log. */
const state = async (id: string) => ({
  session: await row(id),
  events: await t.db.select().from(s.liveEvents).where(eq(s.liveEvents.sessionId, id)).orderBy(asc(s.liveEvents.id)),
});

const srsPublish = (stream: string, param = "", client = "c1") => ({
  action: "on_publish",
  client_id: client,
  ip: "127.0.0.1",
  vhost: "__defaultVhost__",
  app: "live",
  stream,
  param,
  server_id: "srs",
  stream_url: `/live/${stream}`,
});
const srsUnpublish = (stream: string, param = "", client = "c1") => ({
  action: "on_unpublish",
  client_id: client,
  ip: "127.0.0.1",
  vhost: "__defaultVhost__",
  app: "live",
  stream,
  param,
});
/** A notification as nginx-rtmp posts it: the publish URL's query args (token) repeated in every call. */
const nginxCall = (call: string, name: string, extra: Record<string, string> = {}) => ({
  app: "live",
  flashver: "FMLE/3.0",
  tcurl: "rtmp://127.0.0.1:1935/live",
  addr: "127.0.0.1",
  call,
  name,
  type: "live",
  ...extra,
});

/** A session published through nginx-rtmp as `<id>?token=<key>` by client 7: live, with one session_started. */
async function liveViaNginx() {
  const w = await scheduled();
  expect((await callNginx(nginxCall("publish", w.id, { clientid: "7", token: w.streamKey }))).status).toBe(200);
  expect(await row(w.id)).toMatchObject({ status: "live", publishClientId: "7", unpublishedAt: null });
  return w;
}

const sweep = (at: Date) => t.db.transaction((tx) => endAbandonedSessions(tx, at));

describe("SRS callbacks", () => {
  it("on_publish with the session id and ?token=key starts the session: {code:0}", async () => {
    const w = await scheduled();
    expect(await callSrs(srsPublish(w.id, `?token=${w.streamKey}`))).toEqual({ status: 200, body: { code: 0 } });
    expect((await row(w.id)).status).toBe("live");
  });

  it("on_publish with the key as the stream name works too", async () => {
    const w = await scheduled();
    expect((await callSrs(srsPublish(w.streamKey))).body).toEqual({ code: 0 });
    expect((await row(w.id)).status).toBe("live");
  });

  it("a wrong, revoked or reused key, and an ended session, are refused", async () => {
    const w = await scheduled();
    expect(await callSrs(srsPublish(w.id, "?token=not-the-key"))).toEqual({
      status: 403,
      body: { code: 403, reason: "bad_key" },
    });
    const { streamKey: fresh } = await regenerateStreamKey(w.streamer, { sessionId: w.id });
    expect((await callSrs(srsPublish(w.id, `?token=${w.streamKey}`))).status).toBe(403); // the old key is revoked
    expect((await callSrs(srsPublish(w.id, `?token=${fresh}`))).body).toEqual({ code: 0 });
    await t.db.update(s.liveSessions).set({ status: "ended" }).where(eq(s.liveSessions.id, w.id));
    expect(await callSrs(srsPublish(w.id, `?token=${fresh}`))).toEqual({
      status: 403,
      body: { code: 403, reason: "session_over" },
    });
  });

  it("a publish far outside the scheduled window is refused", async () => {
    const w = await scheduled();
    setClockForTests(new Date(Date.now() + 3 * 86_400_000));
    expect((await callSrs(srsPublish(w.id, `?token=${w.streamKey}`))).status).toBe(403);
    expect((await row(w.id)).status).toBe("scheduled");
  });

  it("unpublish then publish again within the grace: still live, one session_started; duplicates change nothing", async () => {
    const w = await scheduled();
    const key = `?token=${w.streamKey}`;
    await callSrs(srsPublish(w.id, key, "c1"));
    await callSrs(srsPublish(w.id, key, "c1"));
    expect(await callSrs(srsUnpublish(w.id, key, "c1"))).toEqual({ status: 200, body: { code: 0 } });
    const firstDrop = (await row(w.id)).unpublishedAt;
    expect(firstDrop).not.toBeNull();
    expect((await callSrs(srsUnpublish(w.id, key, "c1"))).body).toEqual({ code: 0 });
    expect((await row(w.id)).unpublishedAt).toEqual(firstDrop);
    await callSrs(srsPublish(w.id, key, "c2"));
    expect(await row(w.id)).toMatchObject({ status: "live", unpublishedAt: null, publishClientId: "c2" });
    // A late unpublish from the old connection must not start the grace clock for the new one.
    expect((await callSrs(srsUnpublish(w.id, key, "c1"))).body).toEqual({ code: 0 });
    expect((await row(w.id)).unpublishedAt).toBeNull();
    const started = (await eventsAfter(t.db, w.id, 0)).filter((e) => e.type === "session_started");
    expect(started).toHaveLength(1);
  });

  it("the grace runs out: the session ends by its timer, without a sweep; a publisher back in time keeps it live", async () => {
    process.env.LIVE_UNPUBLISH_GRACE_SECONDS = "1";
    resetEnvForTests();
    try {
      const gone = await scheduled();
      const back = await scheduled();
      for (const w of [gone, back]) {
        await callSrs(srsPublish(w.id, `?token=${w.streamKey}`, `p-${w.id}`));
        await callSrs(srsUnpublish(w.id, `?token=${w.streamKey}`, `p-${w.id}`));
      }
      await new Promise((r) => setTimeout(r, 400));
      await callSrs(srsPublish(back.id, `?token=${back.streamKey}`, `p2-${back.id}`));
      expect((await row(gone.id)).status).toBe("live");
      const deadline = Date.now() + 5_000;
      while ((await row(gone.id)).status !== "ended" && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const ended = await row(gone.id);
      expect(ended.status).toBe("ended");
      // Ended at the grace (1 s after the publisher left), not a sweep interval later.
      expect(ended.endedAt!.getTime() - ended.unpublishedAt!.getTime()).toBeLessThan(2_500);
      expect((await eventsAfter(t.db, gone.id, 0)).filter((e) => e.type === "session_ended")).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 1_200));
      expect(await row(back.id)).toMatchObject({ status: "live", unpublishedAt: null });
    } finally {
      delete process.env.LIVE_UNPUBLISH_GRACE_SECONDS;
      resetEnvForTests();
    }
  });

  it("after the grace the sweep ends the session, once", async () => {
    const w = await scheduled();
    await callSrs(srsPublish(w.id, `?token=${w.streamKey}`));
    await callSrs(srsUnpublish(w.id, `?token=${w.streamKey}`));
    expect(await sweep(new Date(Date.now() + 30_000))).toBe(0);
    const later = new Date(Date.now() + 61_000);
    expect(await sweep(later)).toBe(1);
    expect(await sweep(later)).toBe(0);
    expect((await row(w.id)).status).toBe("ended");
  });

  it("on_dvr with the key from the publisher records the replay; on_hls takes the playlist; on_play is allowed; bad bodies are refused", async () => {
    const w = await scheduled();
    const param = `?token=${w.streamKey}`;
    await callSrs(srsPublish(w.id, param));
    expect(
      await callSrs({
        action: "on_dvr",
        client_id: "c1",
        app: "live",
        stream: w.id,
        param,
        file: `./objs/nginx/html/live/${w.id}.flv.mp4`,
      }),
    ).toEqual({ status: 200, body: { code: 0 } });
    expect((await row(w.id)).replayUrl).toBe(`http://127.0.0.1:8088/rec/${w.id}.flv.mp4`);
    expect(
      (
        await callSrs({
          action: "on_hls",
          client_id: "c1",
          app: "live",
          stream: w.id,
          param,
          url: `live/${w.id}-3.ts`,
          m3u8: `./objs/nginx/html/live/${w.id}.m3u8`,
        })
      ).body,
    ).toEqual({ code: 0 });
    expect((await row(w.id)).replayUrl).toBe(`http://127.0.0.1:8088/hls/${w.id}.m3u8`);
    expect((await callSrs({ action: "on_play", client_id: "v1", app: "live", stream: w.id })).body).toEqual({
      code: 0,
    });
    expect((await callSrs({ action: "on_hack", stream: w.id })).status).toBe(400);
    expect(await callSrs({}, { body: "{nope" })).toEqual({ status: 400, body: { code: 400, reason: "not json" } });
  });

  it("[ISSUE12-D1] SRS: an anonymous text/plain on_unpublish is refused 403 {code:403} and changes nothing", async () => {
    const w = await scheduled();
    await callSrs(srsPublish(w.id, `?token=${w.streamKey}`));
    const before = await state(w.id);
    // What a page on any site can post cross-site without a preflight (no Origin when sent by a non-browser).
    const res = await callSrs(srsUnpublish(w.id, ""), { contentType: "text/plain" });
    expect(res).toEqual({ status: 403, body: { code: 403, reason: "forbidden" } });
    // Even with the key, text/plain is not what SRS sends.
    expect(
      (await callSrs(srsUnpublish(w.id, `?token=${w.streamKey}`), { contentType: "text/plain;charset=UTF-8" })).status,
    ).toBe(403);
    expect(await state(w.id)).toEqual(before);
  });

  it("[ISSUE12-D1] SRS: an anonymous JSON on_unpublish (no token) is refused 403 and the session is not ended by the sweep", async () => {
    const w = await scheduled();
    await callSrs(srsPublish(w.id, `?token=${w.streamKey}`));
    const before = await state(w.id);
    expect(await callSrs(srsUnpublish(w.id, ""))).toEqual({ status: 403, body: { code: 403, reason: "bad_key" } });
    expect(await callSrs(srsUnpublish(w.id, "?token=guess"))).toEqual({
      status: 403,
      body: { code: 403, reason: "bad_key" },
    });
    expect(await state(w.id)).toEqual(before);
    await sweep(new Date(Date.now() + 70_000)); // other tests' sessions may end; this one must not
    expect((await row(w.id)).status).toBe("live");
  });

  it("[ISSUE12-D1] SRS: on_dvr with a URL or ../ path never becomes the replay (anonymous 403, with the key 400)", async () => {
    const w = await scheduled();
    const param = `?token=${w.streamKey}`;
    await callSrs(srsPublish(w.id, param));
    const before = await state(w.id);
    for (const file of ["https://evil.tld/pwn.mp4", "../../../evil/pwn.mp4", "./objs/../../pwn.mp4"]) {
      expect(await callSrs({ action: "on_dvr", client_id: "c1", app: "live", stream: w.id, param: "", file })).toEqual({
        status: 403,
        body: { code: 403, reason: "bad_key" },
      });
      expect(await callSrs({ action: "on_dvr", client_id: "c1", app: "live", stream: w.id, param, file })).toEqual({
        status: 400,
        body: { code: 400, reason: "bad_recording" },
      });
    }
    expect(await state(w.id)).toEqual(before);
  });

  it("[ISSUE12-D1] SRS: a wrong hook secret answers {code:403} with status 403", async () => {
    stubEnv({ LIVE_HOOK_SECRET: "srs-secret-0123456789" });
    const w = await scheduled();
    expect(await callSrs(srsPublish(w.id, `?token=${w.streamKey}`), { query: "?secret=nope" })).toEqual({
      status: 403,
      body: { code: 403, reason: "forbidden" },
    });
    expect((await row(w.id)).status).toBe("scheduled");
    expect(
      await callSrs(srsPublish(w.id, `?token=${w.streamKey}`), { query: "?secret=srs-secret-0123456789" }),
    ).toEqual({ status: 200, body: { code: 0 } });
    expect((await row(w.id)).status).toBe("live");
  });
});

describe("nginx-rtmp callbacks", () => {
  it("publish allows with a token, renames a key-named stream to the session id, refuses a bad key", async () => {
    const w = await liveViaNginx();
    const other = await scheduled();
    expect(await callNginx(nginxCall("publish", other.streamKey, { clientid: "8" }))).toEqual({
      status: 302,
      text: "",
      location: other.id,
    });
    expect((await row(other.id)).status).toBe("live");
    expect(await callNginx(nginxCall("publish", w.id, { token: "wrong", clientid: "9" }))).toMatchObject({
      status: 403,
      text: "bad_key",
    });
    expect((await row(w.id)).publishClientId).toBe("7");
  });

  it("the whole broadcast: publish_done from the publisher starts the grace, the sweep ends it, record_done sets the .mp4 replay", async () => {
    const w = await liveViaNginx();
    expect(await callNginx(nginxCall("publish_done", w.id, { clientid: "7", token: w.streamKey }))).toMatchObject({
      status: 200,
      text: "ok",
    });
    expect((await row(w.id)).unpublishedAt).not.toBeNull();
    await sweep(new Date(Date.now() + 61_000));
    expect((await row(w.id)).status).toBe("ended");
    // nginx reports the recording after the stream closed (possibly after the session ended).
    const path = `/srv/nginx/rec/${w.id}-1796154689.flv`;
    expect(
      (await callNginx(nginxCall("record_done", w.id, { clientid: "7", token: w.streamKey, recorder: "", path })))
        .status,
    ).toBe(200);
    expect((await row(w.id)).replayUrl).toBe(`http://127.0.0.1:8088/rec/${w.id}-1796154689.mp4`);
  });

  it("published under the key itself (302 rename): publish_done and record_done keep name=<key> and still count", async () => {
    const w = await scheduled();
    expect(await callNginx(nginxCall("publish", w.streamKey, { clientid: "3" }))).toMatchObject({
      status: 302,
      location: w.id,
    });
    expect((await callNginx(nginxCall("publish_done", w.streamKey, { clientid: "3" }))).status).toBe(200);
    expect((await row(w.id)).unpublishedAt).not.toBeNull();
    expect(
      (
        await callNginx(
          nginxCall("record_done", w.streamKey, {
            clientid: "3",
            recorder: "",
            path: `/srv/rec/${w.id}-1796154700.flv`,
          }),
        )
      ).status,
    ).toBe(200);
    expect((await row(w.id)).replayUrl).toBe(`http://127.0.0.1:8088/rec/${w.id}-1796154700.mp4`);
  });

  it("[ISSUE12-D1] nginx: an anonymous publish_done without a client id is refused 403; 70 s later the session is live and the streamer's key still works", async () => {
    const w = await liveViaNginx();
    const before = await state(w.id);
    expect(await callNginx(nginxCall("publish_done", w.id))).toMatchObject({ status: 403, text: "bad_key" });
    expect(await state(w.id)).toEqual(before);
    await sweep(new Date(Date.now() + 70_000)); // other tests' sessions may end; this one must not
    expect((await row(w.id)).status).toBe("live");
    expect((await callNginx(nginxCall("publish", w.id, { clientid: "7", token: w.streamKey }))).status).toBe(200);
  });

  it("[ISSUE12-D1] nginx: an anonymous publish_done with the publisher's client id is refused 403 and changes nothing", async () => {
    const w = await liveViaNginx();
    const before = await state(w.id);
    expect(await callNginx(nginxCall("publish_done", w.id, { clientid: "7" }))).toMatchObject({
      status: 403,
      text: "bad_key",
    });
    expect(await state(w.id)).toEqual(before);
  });

  it("[ISSUE12-D1] nginx: publish_done with a wrong key (token or key-as-name guess) is refused 403 and changes nothing", async () => {
    const w = await liveViaNginx();
    const before = await state(w.id);
    expect(await callNginx(nginxCall("publish_done", w.id, { clientid: "7", token: "lk_wrong" }))).toMatchObject({
      status: 403,
      text: "bad_key",
    });
    expect(await callNginx(nginxCall("publish_done", "lk_guessed", { clientid: "7" }))).toMatchObject({
      status: 403,
      text: "bad_key",
    });
    expect(await state(w.id)).toEqual(before);
  });

  it("[ISSUE12-D1] nginx: publish_done with the key but no client id, or another one, is acknowledged 200 and changes nothing", async () => {
    const w = await liveViaNginx();
    const before = await state(w.id);
    expect(await callNginx(nginxCall("publish_done", w.id, { token: w.streamKey }))).toMatchObject({
      status: 200,
      text: "ok",
    });
    expect(await callNginx(nginxCall("publish_done", w.id, { token: w.streamKey, clientid: "99" }))).toMatchObject({
      status: 200,
      text: "ok",
    });
    expect(await state(w.id)).toEqual(before);
  });

  it("[ISSUE12-D1] nginx: after a reconnect, the older client id's publish_done and record_done change nothing", async () => {
    const w = await liveViaNginx();
    expect((await callNginx(nginxCall("publish", w.id, { clientid: "8", token: w.streamKey }))).status).toBe(200);
    const before = await state(w.id);
    expect(before.session.publishClientId).toBe("8");
    expect((await callNginx(nginxCall("publish_done", w.id, { clientid: "7", token: w.streamKey }))).status).toBe(200);
    const path = `/srv/rec/${w.id}-1796154689.flv`;
    expect(
      (await callNginx(nginxCall("record_done", w.id, { clientid: "7", token: w.streamKey, recorder: "", path })))
        .status,
    ).toBe(200);
    expect(await state(w.id)).toEqual(before);
    // The current publisher's recording does count.
    expect(
      (await callNginx(nginxCall("record_done", w.id, { clientid: "8", token: w.streamKey, recorder: "", path })))
        .status,
    ).toBe(200);
    expect((await row(w.id)).replayUrl).toBe(`http://127.0.0.1:8088/rec/${w.id}-1796154689.mp4`);
  });

  it("[ISSUE12-D1] nginx: record_done with path=https://evil.tld/pwn.mp4 never becomes the replay (anonymous 403, with the key 400)", async () => {
    const w = await liveViaNginx();
    const before = await state(w.id);
    expect(
      await callNginx(
        nginxCall("record_done", w.id, { clientid: "7", recorder: "", path: "https://evil.tld/pwn.mp4" }),
      ),
    ).toMatchObject({ status: 403, text: "bad_key" });
    expect(
      await callNginx(
        nginxCall("record_done", w.id, {
          clientid: "7",
          token: w.streamKey,
          recorder: "",
          path: "https://evil.tld/pwn.mp4",
        }),
      ),
    ).toMatchObject({ status: 400, text: "bad_recording" });
    expect(await state(w.id)).toEqual(before);
  });

  it("[ISSUE12-D1] nginx: record_done with ../ traversal or a non-recording name never becomes the replay (400) and changes nothing", async () => {
    const w = await liveViaNginx();
    const before = await state(w.id);
    for (const path of [
      `/srv/rec/../../etc/${w.id}.mp4`,
      `..\\..\\${w.id}.mp4`,
      `/srv/rec/${w.id}.mp4?x=https://evil.tld`,
      "/srv/rec/.mp4",
      `/srv/rec/${w.id}.html`,
      "javascript:alert(1)//x.mp4",
    ]) {
      expect(
        await callNginx(nginxCall("record_done", w.id, { clientid: "7", token: w.streamKey, recorder: "", path })),
      ).toMatchObject({ status: 400, text: "bad_recording" });
    }
    expect(await state(w.id)).toEqual(before);
  });

  it("[ISSUE12-D1] nginx: record_done for a session that never went live changes nothing", async () => {
    const w = await scheduled();
    const before = await state(w.id);
    expect(
      (
        await callNginx(
          nginxCall("record_done", w.id, {
            clientid: "7",
            token: w.streamKey,
            recorder: "",
            path: `/srv/rec/${w.id}-1.flv`,
          }),
        )
      ).status,
    ).toBe(200);
    expect(await state(w.id)).toEqual(before);
  });

  it("[ISSUE12-D1] nginx: a cross-site browser post (Origin, or Sec-Fetch-Site: cross-site) is refused 403 even with the key", async () => {
    const w = await liveViaNginx();
    const before = await state(w.id);
    const done = nginxCall("publish_done", w.id, { clientid: "7", token: w.streamKey });
    expect(await callNginx(done, { headers: { origin: "https://evil.tld" } })).toMatchObject({
      status: 403,
      text: "forbidden",
    });
    expect(await callNginx(done, { headers: { origin: "null" } })).toMatchObject({ status: 403, text: "forbidden" });
    expect(await callNginx(done, { headers: { "sec-fetch-site": "cross-site" } })).toMatchObject({
      status: 403,
      text: "forbidden",
    });
    expect(await callNginx(done, { headers: { "sec-fetch-site": "same-origin" } })).toMatchObject({
      status: 403,
      text: "forbidden",
    });
    expect(await state(w.id)).toEqual(before);
  });

  it("[ISSUE12-D1] nginx: multipart and text/plain posts are refused 403 even with the key", async () => {
    const w = await liveViaNginx();
    const before = await state(w.id);
    const multipart = new FormData();
    for (const [k, v] of Object.entries(nginxCall("publish_done", w.id, { clientid: "7", token: w.streamKey })))
      multipart.append(k, v);
    const req = new Request("http://x", { method: "POST", body: multipart });
    const res = await callNginx({}, { body: await req.text(), contentType: req.headers.get("content-type")! });
    expect(res).toMatchObject({ status: 403, text: "forbidden" });
    expect(
      await callNginx(nginxCall("publish_done", w.id, { clientid: "7", token: w.streamKey }), {
        contentType: "text/plain",
      }),
    ).toMatchObject({ status: 403, text: "forbidden" });
    expect(await state(w.id)).toEqual(before);
  });

  it("[ISSUE12-D1] nginx: a non-loopback peer is refused 403, also when it sends X-Forwarded-For: 127.0.0.1, and so is an unknown peer", async () => {
    const w = await liveViaNginx();
    const before = await state(w.id);
    const done = nginxCall("publish_done", w.id, { clientid: "7", token: w.streamKey });
    expect(await callNginx(done, { peer: "203.0.113.9" })).toMatchObject({ status: 403, text: "forbidden" });
    expect(
      await callNginx(done, {
        peer: "203.0.113.9",
        headers: { "x-forwarded-for": "127.0.0.1", "x-real-ip": "127.0.0.1" },
      }),
    ).toMatchObject({ status: 403, text: "forbidden" });
    expect(await callNginx(done, { peer: "::ffff:10.1.2.3" })).toMatchObject({ status: 403, text: "forbidden" });
    // No server.ts in front: the address is "unknown", never allowed.
    expect(await callNginx(done, { peer: null })).toMatchObject({ status: 403, text: "forbidden" });
    expect(await state(w.id)).toEqual(before);
  });

  it("[ISSUE12-D1] nginx: LIVE_HOOK_ALLOWED_IPS admits the listed addresses and CIDRs besides loopback", async () => {
    stubEnv({ LIVE_HOOK_ALLOWED_IPS: "10.0.0.5, 192.168.8.0/24,fd00::/8" });
    expect(["127.0.0.1", "127.8.9.10", "::1", "10.0.0.5", "192.168.8.77", "fd12::1"].map(hookAddressAllowed)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["10.0.0.6", "192.168.9.1", "fe80::1", "::2", "unknown", ""].map(hookAddressAllowed)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    const w = await scheduled();
    expect(
      (await callNginx(nginxCall("publish", w.id, { clientid: "7", token: w.streamKey }), { peer: "192.168.8.20" }))
        .status,
    ).toBe(200);
    expect((await row(w.id)).status).toBe("live");
  });

  it("[ISSUE12-D1] nginx: with LIVE_HOOK_SECRET set, a missing or wrong ?secret= is refused 403 and changes nothing; the right one works", async () => {
    stubEnv({ LIVE_HOOK_SECRET: "hook-secret-0123456789" });
    const w = await scheduled();
    const before = await state(w.id);
    const publish = nginxCall("publish", w.id, { clientid: "7", token: w.streamKey });
    expect(await callNginx(publish)).toMatchObject({ status: 403, text: "forbidden" });
    expect(await callNginx(publish, { query: "?secret=hook-secret-012345678" })).toMatchObject({
      status: 403,
      text: "forbidden",
    });
    expect(await callNginx(publish, { query: "?secret=hook-secret-0123456789x" })).toMatchObject({
      status: 403,
      text: "forbidden",
    });
    expect(await state(w.id)).toEqual(before);
    expect(await callNginx(publish, { query: "?secret=hook-secret-0123456789" })).toMatchObject({
      status: 200,
      text: "ok",
    });
    expect((await row(w.id)).status).toBe("live");
    expect(await callNginx(nginxCall("publish_done", w.id, { clientid: "7", token: w.streamKey }))).toMatchObject({
      status: 403,
      text: "forbidden",
    });
    expect((await row(w.id)).unpublishedAt).toBeNull();
  });

  it("[ISSUE12-D1] nginx: a 10 MB body answers 413 and changes nothing", async () => {
    const w = await liveViaNginx();
    const before = await state(w.id);
    const body = `${new URLSearchParams(nginxCall("publish_done", w.id, { clientid: "7", token: w.streamKey }))}&pad=${"a".repeat(10 * 1024 * 1024)}`;
    expect(await callNginx({}, { body })).toMatchObject({ status: 413, text: "payload_too_large" });
    expect(await callNginx({}, { body, headers: { "content-length": String(body.length) } })).toMatchObject({
      status: 413,
    });
    expect(await state(w.id)).toEqual(before);
  });
});

describe("replayUrlFor", () => {
  it("[ISSUE12-D1] builds the replay from a plain file name only: .flv → the remuxed .mp4, .m3u8 under the HLS base; URLs and traversal give null", () => {
    expect(replayUrlFor("/var/rec/live_x-1700000000.flv")).toBe("http://127.0.0.1:8088/rec/live_x-1700000000.mp4");
    expect(replayUrlFor("live_x.m3u8")).toBe("http://127.0.0.1:8088/hls/live_x.m3u8");
    expect(replayUrlFor("./objs/nginx/html/live/live_x.flv.mp4")).toBe("http://127.0.0.1:8088/rec/live_x.flv.mp4");
    for (const bad of [
      "https://cdn.example.com/r.mp4",
      "http://evil.tld/pwn.mp4",
      "file:///etc/x.mp4",
      "/var/rec/../x.mp4",
      "..\\x.mp4",
      "x.mp4/",
      "x.ts",
      ".mp4",
      "a..mp4",
      "x y.mp4",
      "x.mp4#y",
      "",
    ]) {
      expect(replayUrlFor(bad)).toBeNull();
    }
  });
});
