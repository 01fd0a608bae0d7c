import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { createCoop } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { createViewer } from "../../tests/support/viewers";
import * as live from "../../tests/support/forms/live";
import { commentFilters, PLATFORM_FILTERS, setCommentFilters } from "./comments";
import { commentFiltersInput } from "./contract";
import { eventsAfter } from "./events";
import { flushLikes } from "./likes";
import { buildSnapshot } from "./snapshot";

// 弹幕 and 点赞: length, rate, filter lists, mute and delete with who may do them, likes added up in batches.

const t = setupTestDb();
afterEach(() => setClockForTests(null));
let clock = Date.parse("2026-12-01T12:00:00Z");
const tick = (ms = 2_100) => setClockForTests(new Date((clock += ms)));

async function world() {
  tick();
  const coop = await createCoop(t.db);
  const other = await createCoop(t.db);
  const streamer = await createViewer(t.db, { name: "小柳", memberships: [{ kind: "streamer" }] });
  const { id: sessionId } = await live.createSession(streamer, {
    title: "湖墩新米直播",
    scheduledAt: "2026-12-01T20:00",
    coopIds: [coop.id],
  });
  const [amei, laozhou] = await Promise.all([
    createViewer(t.db, { name: "阿梅" }),
    createViewer(t.db, { name: "老周" }),
  ]);
  return { coop, other, streamer, sessionId, amei, laozhou };
}
const commentEvents = async (sessionId: string) =>
  (await eventsAfter(t.db, sessionId, 0)).filter((e) => e.type.startsWith("comment"));
const rows = (sessionId: string) => t.db.select().from(s.liveComments).where(eq(s.liveComments.sessionId, sessionId));

describe("posting a comment", () => {
  it("is a live event with the author's masked name; the snapshot has it", async () => {
    const w = await world();
    const c = await live.postComment(w.amei, { sessionId: w.sessionId, body: "  米什么时候发货?  " });
    expect(c).toMatchObject({ name: "阿*", body: "米什么时候发货?", shown: true });
    const events = await commentEvents(w.sessionId);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toEqual({ comment: { id: c.id, name: "阿*", body: "米什么时候发货?", at: c.at } });
    expect((await buildSnapshot(w.sessionId, new Date(clock)))!.comments).toEqual([
      { id: c.id, name: "阿*", body: "米什么时候发货?", at: c.at },
    ]);
  });

  it("60 characters (an emoji counts as one) pass; 61, an empty one or a line break are refused and write nothing", async () => {
    const w = await world();
    await live.postComment(w.amei, { sessionId: w.sessionId, body: "稻".repeat(59) + "🌾" });
    for (const body of ["稻".repeat(61), "   ", "第一行\n第二行", "a\u0000b"]) {
      tick();
      await expect(live.postComment(w.laozhou, { sessionId: w.sessionId, body })).rejects.toMatchObject({
        name: "ZodError",
      });
    }
    expect(await rows(w.sessionId)).toHaveLength(1);
  });

  it("one every 2 s per person: the second within 2 s is RATE_LIMITED; another person is not held up", async () => {
    const w = await world();
    await live.postComment(w.amei, { sessionId: w.sessionId, body: "第一条" });
    await expect(live.postComment(w.amei, { sessionId: w.sessionId, body: "第二条" })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    await live.postComment(w.laozhou, { sessionId: w.sessionId, body: "我也来" });
    tick();
    await live.postComment(w.amei, { sessionId: w.sessionId, body: "第二条" });
    expect((await rows(w.sessionId)).map((r) => r.body).sort()).toEqual(["我也来", "第一条", "第二条"].sort());
  });

  it("a word of the streamer's or the platform's list is refused (spaces and case do not help); nothing written", async () => {
    const w = await world();
    const admin = await createViewer(t.db, { memberships: [{ kind: "admin" }] });
    await setCommentFilters(w.streamer, commentFiltersInput.parse({ words: "加微信, 便宜货\nSPAM" }), "own");
    await setCommentFilters(admin, commentFiltersInput.parse({ words: "假货" }), "platform");
    // Nobody else writes the platform's list; a buyer has no list.
    await expect(
      setCommentFilters(w.streamer, commentFiltersInput.parse({ words: "x" }), "platform"),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setCommentFilters(w.amei, commentFiltersInput.parse({ words: "x" }), "own")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await commentFilters(PLATFORM_FILTERS)).toEqual(["假货"]);
    expect(await commentFilters(w.streamer.userId)).toEqual(["spam", "便宜货", "加微信"].sort());
    for (const body of ["加 微 信 领红包", "这是假货吧", "Spam spam"]) {
      tick();
      await expect(live.postComment(w.amei, { sessionId: w.sessionId, body })).rejects.toMatchObject({
        code: "VALIDATION",
        fields: { body: ["blocked_word"] },
      });
    }
    expect(await rows(w.sessionId)).toHaveLength(0);
    // Another streamer's list does not apply here.
    const other = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
    await setCommentFilters(other, commentFiltersInput.parse({ words: "大米" }), "own");
    tick();
    await live.postComment(w.amei, { sessionId: w.sessionId, body: "大米真香" });
  });

  it("nobody comments on an ended or cancelled session, or signed out", async () => {
    const w = await world();
    await live.cancelSession(w.streamer, { sessionId: w.sessionId });
    await expect(live.postComment(w.amei, { sessionId: w.sessionId, body: "还在吗" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(live.postComment(null, { sessionId: w.sessionId, body: "还在吗" })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });
});

describe("moderation: delete and mute", () => {
  it("a muted viewer's comment is kept but reaches nobody else: no event, not in the snapshot", async () => {
    const w = await world();
    const first = await live.postComment(w.laozhou, { sessionId: w.sessionId, body: "刷屏" });
    await live.muteCommenter(w.streamer, { commentId: first.id });
    await live.muteCommenter(w.streamer, { commentId: first.id }); // twice is once
    tick();
    const hidden = await live.postComment(w.laozhou, { sessionId: w.sessionId, body: "还是我" });
    expect(hidden.shown).toBe(false);
    const events = await commentEvents(w.sessionId);
    expect(events.map((e) => (e.payload.comment as { id: string }).id)).toEqual([first.id]);
    expect((await buildSnapshot(w.sessionId, new Date(clock)))!.comments.map((c) => c.id)).toEqual([first.id]);
    expect((await rows(w.sessionId)).find((r) => r.id === hidden.id)).toMatchObject({ shown: false });
    // Muted in this session only.
    const { id: next } = await live.createSession(w.streamer, { title: "下一场", scheduledAt: "2026-12-02T20:00" });
    tick();
    expect((await live.postComment(w.laozhou, { sessionId: next, body: "新的一场" })).shown).toBe(true);
  });

  it("delete: the streamer, a featured cooperative's member and an admin may; anyone else gets 404 and nothing changes", async () => {
    const w = await world();
    const coopMember = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: w.coop.id }] });
    const otherCoop = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: w.other.id }] });
    const otherStreamer = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
    const admin = await createViewer(t.db, { memberships: [{ kind: "admin" }] });
    const posted = [];
    for (const body of ["一", "二", "三"]) {
      tick();
      posted.push(await live.postComment(w.amei, { sessionId: w.sessionId, body }));
    }
    for (const stranger of [otherCoop, otherStreamer, w.laozhou, w.amei]) {
      await expect(live.deleteComment(stranger, { commentId: posted[0]!.id })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(live.muteCommenter(stranger, { commentId: posted[0]!.id })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    await expect(live.deleteComment(null, { commentId: posted[0]!.id })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    expect((await rows(w.sessionId)).filter((r) => r.deletedAt)).toHaveLength(0);
    expect(await t.db.select().from(s.liveMutes).where(eq(s.liveMutes.sessionId, w.sessionId))).toHaveLength(0);

    await live.deleteComment(w.streamer, { commentId: posted[0]!.id });
    await live.deleteComment(coopMember, { commentId: posted[1]!.id });
    await live.deleteComment(admin, { commentId: posted[2]!.id });
    await live.deleteComment(admin, { commentId: posted[2]!.id }); // twice is once
    const deletions = (await commentEvents(w.sessionId)).filter((e) => e.type === "comment_deleted");
    expect(deletions.map((e) => e.payload.commentId)).toEqual(posted.map((p) => p.id));
    expect((await buildSnapshot(w.sessionId, new Date(clock)))!.comments).toEqual([]);
    const kept = await rows(w.sessionId);
    expect(kept.map((r) => r.deletedBy).sort()).toEqual([admin.userId, coopMember.userId, w.streamer.userId].sort());
  });
});

describe("likes", () => {
  it("added up in one write and one event per flush; more than 10 a second from one person are refused", async () => {
    const w = await world();
    for (let i = 0; i < 10; i++) await live.like(w.amei, { sessionId: w.sessionId });
    await expect(live.like(w.amei, { sessionId: w.sessionId })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    for (let i = 0; i < 7; i++) await live.like(w.laozhou, { sessionId: w.sessionId });
    await flushLikes();
    await flushLikes();
    const [row] = await t.db.select().from(s.liveSessions).where(eq(s.liveSessions.id, w.sessionId));
    expect(row!.likes).toBe(17);
    const events = (await eventsAfter(t.db, w.sessionId, 0)).filter((e) => e.type === "likes");
    expect(events.map((e) => e.payload)).toEqual([{ likes: 17 }]);
    expect((await buildSnapshot(w.sessionId, new Date(clock)))!.likes).toBe(17);
    await expect(live.like(null, { sessionId: w.sessionId })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
