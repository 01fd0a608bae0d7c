import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { and, asc, eq, gt, lte } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "../lib/db/schema";
import { setupTestDb, testDriver } from "../lib/db/test-db";
import { localViewerCounts } from "../lib/live/broadcaster";
import { appendEvent } from "../lib/live/events";
import { STREAM_BUFFER_BYTES } from "../lib/live/event-feed";
import { listenNodeRoutes } from "../tests/support/node-routes-server";
import { createSession, goLive, pinProduct, setBag } from "../tests/support/forms/live";
import { createCoop, createProduct, createAgreement } from "../lib/db/seed/factories";
import { createViewer } from "../tests/support/viewers";

// GET /api/live/<id>/events as the Node entry answers it (plain node:http, lib/live/node-event-stream.ts), over real
// sockets: snapshot, resume, a stalled viewer, two instances on one PostgreSQL, and what a stranger can send.

const t = setupTestDb();
const onPostgres = testDriver() === "postgres";
let base = "";
let server: http.Server;
const sockets: http.ClientRequest[] = [];
let sessionId = "";
let productId = "";
let streamer: Awaited<ReturnType<typeof createViewer>>;

beforeAll(async () => {
  ({ server, base } = await listenNodeRoutes());
  const coop = await createCoop(t.db);
  productId = (await createProduct(t.db, { coopId: coop.id, nameZh: "湖墩大米" })).product.id;
  streamer = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
  await createAgreement(t.db, { streamerId: streamer.userId, coopId: coop.id });
  sessionId = (
    await createSession(streamer, { title: "湖墩新米直播", scheduledAt: "2026-12-01T20:00", coopIds: [coop.id] })
  ).id;
  await setBag(streamer, { sessionId, productIds: [productId] });
  await goLive(streamer, { sessionId });
});

afterAll(async () => {
  sockets.forEach((r) => r.destroy());
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Frame {
  id: number;
  event: string;
  data: string;
}

/** One viewer over a real socket; `stall` stops reading after the first frame (a dead phone). */
class Viewer {
  readonly frames: Frame[] = [];
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  retry = false;
  closed = false;
  private buf = "";
  private readonly req: http.ClientRequest;
  private res: http.IncomingMessage | null = null;
  readonly ready: Promise<void>;
  private stalled: boolean;

  constructor(url: string, opts: { lastEventId?: string; stall?: boolean } = {}) {
    this.stalled = opts.stall ?? false;
    let ready!: () => void;
    this.ready = new Promise((r) => (ready = r));
    this.req = http.get(
      url,
      {
        agent: false,
        headers: { accept: "text/event-stream", ...(opts.lastEventId ? { "last-event-id": opts.lastEventId } : {}) },
      },
      (res) => {
        this.res = res;
        this.status = res.statusCode ?? 0;
        this.headers = res.headers;
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          this.buf += chunk;
          let i: number;
          while ((i = this.buf.indexOf("\n\n")) >= 0) {
            const block = this.buf.slice(0, i);
            this.buf = this.buf.slice(i + 2);
            if (block.startsWith("retry:")) this.retry = true;
            const id = /^id: (\d+)$/m.exec(block)?.[1];
            const event = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (id && event) this.frames.push({ id: Number(id), event, data: data ?? "" });
            if (this.stalled && this.frames.length) res.pause();
          }
          ready();
        });
        res.on("close", () => {
          this.closed = true;
          ready();
        });
        if (this.status !== 200) res.resume();
      },
    );
    // A paused response never emits its own 'close': the socket's tells when the server cut the connection.
    this.req.on("socket", (socket) =>
      socket.on("close", () => {
        this.closed = true;
        ready();
      }),
    );
    this.req.on("error", () => {
      this.closed = true;
      ready();
    });
    sockets.push(this.req);
  }

  get ids(): number[] {
    return this.frames.filter((f) => f.event !== "snapshot").map((f) => f.id);
  }

  async waitFor(until: (v: Viewer) => boolean, ms = 15_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!until(this)) {
      if (Date.now() > deadline)
        throw new Error(`viewer: not met within ${ms} ms (${this.frames.length} frames, closed ${this.closed})`);
      await sleep(10);
    }
  }

  resume() {
    this.stalled = false;
    this.res?.resume();
  }

  close() {
    this.req.destroy();
  }
}

const url = (id = sessionId) => `${base}/api/live/${id}/events`;
const append = (payload: Record<string, unknown>, type: "ticker" | "pinned" = "ticker") =>
  t.db.transaction((tx) => appendEvent(tx, sessionId, type, payload));

async function committedIds(afterId: number, upTo: number): Promise<number[]> {
  const rows = await t.db
    .select({ id: s.liveEvents.id })
    .from(s.liveEvents)
    .where(and(eq(s.liveEvents.sessionId, sessionId), gt(s.liveEvents.id, afterId), lte(s.liveEvents.id, upTo)))
    .orderBy(asc(s.liveEvents.id));
  return rows.map((r) => r.id);
}

describe("GET /api/live/<id>/events on the Node entry", () => {
  it("sends retry, the snapshot, then each event once with its id; a pin reaches every viewer", async () => {
    const a = new Viewer(url());
    const b = new Viewer(url());
    await a.waitFor((v) => v.frames.length >= 1);
    await b.waitFor((v) => v.frames.length >= 1);
    expect(a.status).toBe(200);
    expect(a.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(a.headers["cache-control"]).toContain("no-transform");
    expect(a.headers["x-content-type-options"]).toBe("nosniff");
    expect(a.headers["content-encoding"]).toBeUndefined();
    expect(a.retry).toBe(true);
    const snap = a.frames[0]!;
    expect(snap.event).toBe("snapshot");
    const snapshot = JSON.parse(snap.data) as {
      sessionId: string;
      status: string;
      lastEventId: number;
      bag: unknown[];
    };
    expect(snapshot).toMatchObject({ sessionId, status: "live", lastEventId: snap.id });
    expect(snapshot.bag).toHaveLength(1);
    // Two viewers connecting at once got the same snapshot (built once, shared).
    expect(b.frames[0]).toEqual(snap);

    await pinProduct(streamer, { sessionId, productId });
    await a.waitFor((v) => v.frames.some((f) => f.event === "pinned"));
    await b.waitFor((v) => v.frames.some((f) => f.event === "pinned"));
    const pinA = a.frames.find((f) => f.event === "pinned")!;
    expect(b.frames.find((f) => f.event === "pinned")).toEqual(pinA);
    expect(JSON.parse(pinA.data)).toMatchObject({ product: { productId } });
    expect(pinA.id).toBeGreaterThan(snap.id);
    a.close();
    b.close();
  });

  it("resumes with Last-Event-ID: exactly the events missed, in order, no snapshot", async () => {
    const first = new Viewer(url());
    await first.waitFor((v) => v.frames.length >= 1);
    const from = first.frames[0]!.id;
    first.close();
    for (let i = 0; i < 5; i++) await append({ n: i });
    const upTo = (await committedIds(from, Number.MAX_SAFE_INTEGER)).at(-1)!;
    const missed = await committedIds(from, upTo);
    expect(missed.length).toBeGreaterThanOrEqual(5);
    const back = new Viewer(url(), { lastEventId: String(from) });
    await back.waitFor((v) => v.ids.filter((id) => id <= upTo).length >= missed.length);
    expect(back.frames.some((f) => f.event === "snapshot")).toBe(false);
    expect(back.ids.filter((id) => id <= upTo)).toEqual(missed);
    // And live afterwards.
    await append({ n: "live" });
    const [latest] = (await committedIds(upTo, Number.MAX_SAFE_INTEGER)).slice(-1);
    await back.waitFor((v) => v.ids.includes(latest!));
    back.close();
  });

  it("a Last-Event-ID that is not a number, or beyond the log, gets the snapshot instead", async () => {
    for (const lastEventId of ["abc", "99999999999", "-1", "1e3"]) {
      const v = new Viewer(url(), { lastEventId });
      await v.waitFor((x) => x.frames.length >= 1);
      expect(v.frames[0]!.event).toBe("snapshot");
      v.close();
    }
  });

  it("a stalled viewer delays no one and is cut off past its bound; the other gets every event", async () => {
    const good = new Viewer(url());
    const stalled = new Viewer(url(), { stall: true });
    await good.waitFor((v) => v.frames.length >= 1);
    await stalled.waitFor((v) => v.frames.length >= 1);
    const from = good.frames[0]!.id;
    // 12 KB events (too big for NOTIFY on PostgreSQL: read back from the log) until the stalled socket is cut: the
    // kernel's socket buffers take a few MB first, then the response's own buffer reaches the bound.
    const big = "稻".repeat(4_000);
    const viewersHere = () => localViewerCounts().get(sessionId) ?? 0;
    expect(viewersHere()).toBe(2);
    let sent = 0;
    while (viewersHere() === 2 && sent < 2_000) {
      await append({ big, n: sent++ });
      if (sent % 10 === 0) await sleep(20);
    }
    // Cut off on the server's side (a paused client cannot see it until it reads again).
    expect(viewersHere()).toBe(1);
    expect(sent * 12_000).toBeGreaterThan(STREAM_BUFFER_BYTES);
    const upTo = (await committedIds(from, Number.MAX_SAFE_INTEGER)).at(-1)!;
    const expected = await committedIds(from, upTo);
    await good.waitFor((v) => v.ids.filter((id) => id <= upTo).length >= expected.length, 30_000);
    expect(good.ids.filter((id) => id <= upTo)).toEqual(expected);
    expect(good.closed).toBe(false);
    // The stalled phone reads again: what it got is a gap-free start of the log, then the end of the stream…
    stalled.resume();
    await stalled.waitFor((v) => v.closed, 30_000);
    const got = stalled.ids;
    expect(got.length).toBeLessThan(expected.length);
    expect(got).toEqual(expected.slice(0, got.length));
    // …and its EventSource comes back with the last id it has and misses nothing.
    const back = new Viewer(url(), { lastEventId: String(got.at(-1) ?? from) });
    await back.waitFor((v) => v.ids.filter((id) => id <= upTo).length >= expected.length - got.length, 30_000);
    expect(back.ids.filter((id) => id <= upTo)).toEqual(expected.slice(got.length));
    back.close();
    good.close();
  }, 120_000);

  it("answers 404, writing nothing, for an unknown, malformed or hostile session id", async () => {
    for (const id of [
      "live_0000000000000000",
      "nope",
      "live_demo_%00",
      "live_%E0%A4%A",
      "..%2F..%2Fetc",
      "live_DEMO",
    ]) {
      const v = new Viewer(url(id));
      await v.waitFor((x) => x.status !== 0 || x.closed);
      expect([400, 404]).toContain(v.status);
      v.close();
    }
    const long = new Viewer(url("live_" + "a".repeat(10_000)));
    await long.waitFor((x) => x.status !== 0 || x.closed);
    expect(long.status).toBe(404);
  });
});

describe.runIf(onPostgres)("two instances on one PostgreSQL", () => {
  let child: ChildProcess;
  let otherBase = "";
  beforeAll(async () => {
    child = spawn(
      process.execPath,
      ["--import", "tsx", "--import", "./scripts/resolve-next.mjs", "tests/support/event-stream-server.ts"],
      { env: { ...process.env, DATABASE_URL: t.handle.url!, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "inherit"] },
    );
    otherBase = await new Promise<string>((resolve, reject) => {
      child.stdout!.on("data", (d: Buffer) => {
        const m = /port (\d+)/.exec(d.toString());
        if (m) resolve(`http://127.0.0.1:${m[1]}`);
      });
      child.once("exit", (code) => reject(new Error(`second instance exited with ${code}`)));
    });
  }, 60_000);
  afterAll(() => {
    child?.kill("SIGTERM");
  });

  it("an event written through instance A's process reaches viewers of both, same id, same bytes", async () => {
    const here = new Viewer(url());
    const there = new Viewer(`${otherBase}/api/live/${sessionId}/events`);
    await here.waitFor((v) => v.frames.length >= 1);
    await there.waitFor((v) => v.frames.length >= 1, 30_000);
    expect(there.frames[0]!.event).toBe("snapshot");
    await pinProduct(streamer, { sessionId, productId });
    await append({ n: "both" });
    const [latest] = (await committedIds(0, Number.MAX_SAFE_INTEGER)).slice(-1);
    await here.waitFor((v) => v.ids.includes(latest!));
    await there.waitFor((v) => v.ids.includes(latest!));
    const after = Math.max(here.frames[0]!.id, there.frames[0]!.id);
    expect(there.frames.filter((f) => f.id > after && f.id <= latest!)).toEqual(
      here.frames.filter((f) => f.id > after && f.id <= latest!),
    );
    expect(there.frames.filter((f) => f.id > after).map((f) => f.event)).toEqual(
      expect.arrayContaining(["pinned", "ticker"]),
    );
    here.close();
    there.close();
  }, 60_000);
});
