import { afterAll, describe, expect, it, vi } from "vitest";
import { createAgreement, createCoop, createProduct } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { createViewer } from "../../tests/support/viewers";
import { createSession, goLive, pinProduct, setBag, unpinProduct } from "../../tests/support/forms/live";
import { openEventStream } from "./stream";

const t = setupTestDb();
const open: AbortController[] = [];
afterAll(() => open.forEach((c) => c.abort()));

interface Frame {
  id: number;
  event: string;
  data: Record<string, unknown>;
}

/** Reads SSE frames from a stream until `until` says stop (or the time runs out). */
async function read(
  stream: ReadableStream<Uint8Array>,
  until: (frames: Frame[]) => boolean,
  ms = 5000,
): Promise<Frame[]> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const frames: Frame[] = [];
  let buf = "";
  const deadline = Date.now() + ms;
  while (!until(frames) && Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<{ value: undefined; done: true }>((r) =>
        setTimeout(() => r({ value: undefined, done: true }), deadline - Date.now()),
      ),
    ]);
    if (chunk.done) break;
    buf += decoder.decode(chunk.value, { stream: true });
    let i: number;
    while ((i = buf.indexOf("\n\n")) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const id = /^id: (\d+)$/m.exec(block)?.[1];
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (id && event && data) frames.push({ id: Number(id), event, data: JSON.parse(data) });
    }
  }
  reader.releaseLock();
  return frames;
}

async function session() {
  const coop = await createCoop(t.db);
  const a = await createProduct(t.db, { coopId: coop.id, nameZh: "甲" });
  const b = await createProduct(t.db, { coopId: coop.id, nameZh: "乙" });
  const streamer = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
  await createAgreement(t.db, { streamerId: streamer.userId, coopId: coop.id });
  const { id } = await createSession(streamer, { title: "测试直播", scheduledAt: "2026-12-01T20:00" });
  await setBag(streamer, { sessionId: id, productIds: [a.product.id, b.product.id] });
  await goLive(streamer, { sessionId: id });
  return { id, streamer, a: a.product.id, b: b.product.id };
}

function connect(sessionId: string, lastEventId: string | null) {
  const c = new AbortController();
  open.push(c);
  return openEventStream(sessionId, lastEventId, c.signal).then((s) => ({ stream: s!, abort: () => c.abort() }));
}

describe("the live event stream", () => {
  it("sends a snapshot on connect, then new events with their ids", async () => {
    const w = await session();
    const { stream, abort } = await connect(w.id, null);
    const first = await read(stream, (f) => f.length >= 1);
    expect(first[0]).toMatchObject({ event: "snapshot", data: { status: "live", sessionId: w.id } });
    await pinProduct(w.streamer, { sessionId: w.id, productId: w.a });
    const next = await read(stream, (f) => f.some((x) => x.event === "pinned"));
    expect(next.find((x) => x.event === "pinned")!.id).toBeGreaterThan(first[0]!.id);
    abort();
  });

  it("a reconnect with Last-Event-ID gets exactly the missed events, in order, no duplicates", async () => {
    const w = await session();
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const { eventId } = await pinProduct(w.streamer, { sessionId: w.id, productId: i % 2 ? w.a : w.b });
      ids.push(eventId);
      if (i === 5) await unpinProduct(w.streamer, { sessionId: w.id });
    }
    const resumeAfter = ids[2]!;
    const { stream, abort } = await connect(w.id, String(resumeAfter));
    const frames = await read(stream, (f) => f.some((x) => x.event === "unpinned"));
    expect(frames[0]!.event).not.toBe("snapshot");
    expect(frames.map((f) => f.id)).toEqual([ids[3], ids[4], ids[5], ids[5]! + 1].filter(Boolean));
    expect(new Set(frames.map((f) => f.id)).size).toBe(frames.length);
    abort();
  });

  it("an unknown or stale Last-Event-ID gets a fresh snapshot", async () => {
    const w = await session();
    for (const bad of ["999999999", "abc", "-5", "0"]) {
      const { stream, abort } = await connect(w.id, bad);
      const frames = await read(stream, (f) => f.length >= 1);
      expect(frames[0]?.event, bad).toBe("snapshot");
      abort();
    }
  });

  it("events published while a viewer catches up are delivered once, after the missed ones", async () => {
    const w = await session();
    const { eventId } = await pinProduct(w.streamer, { sessionId: w.id, productId: w.a });
    const pending = connect(w.id, String(eventId - 1));
    const concurrent = pinProduct(w.streamer, { sessionId: w.id, productId: w.b });
    const { stream, abort } = await pending;
    await concurrent;
    const frames = await read(stream, (f) => f.filter((x) => x.event === "pinned").length >= 2);
    const pinned = frames.filter((x) => x.event === "pinned");
    expect(pinned.map((f) => (f.data.product as { productId: string }).productId)).toEqual([w.a, w.b]);
    expect(frames.map((f) => f.id)).toEqual([...frames.map((f) => f.id)].sort((a, b) => a - b));
    abort();
  });

  it("a broadcast event is serialized once for all of the process's viewers, and each gets it", async () => {
    const w = await session();
    const viewers = await Promise.all([0, 1, 2].map(() => connect(w.id, null)));
    for (const v of viewers) await read(v.stream, (f) => f.length >= 1);
    const encode = vi.spyOn(TextEncoder.prototype, "encode");
    try {
      const { eventId } = await pinProduct(w.streamer, { sessionId: w.id, productId: w.a });
      const got = await Promise.all(viewers.map((v) => read(v.stream, (f) => f.some((x) => x.event === "pinned"))));
      expect(got.map((frames) => frames.find((x) => x.event === "pinned")?.id)).toEqual([eventId, eventId, eventId]);
      expect(encode.mock.calls.filter(([text]) => String(text).includes("event: pinned"))).toHaveLength(1);
    } finally {
      encode.mockRestore();
      viewers.forEach((v) => v.abort());
    }
  });

  it("a cancelled or unknown session has no stream", async () => {
    expect(await openEventStream("live_nope", null, new AbortController().signal)).toBeNull();
  });
});
