import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { setupTestDb } from "../db/test-db";
import { createViewer } from "../../tests/support/viewers";
import { cancelSession, createSession, goLive, remindMe } from "../../tests/support/forms/live";
import { GET as calendarRoute } from "../../app/(shop)/live/[id]/calendar.ics/route";
import { sessionCalendar } from "./calendar";
import { remindUpcomingSessions } from "./reminders";

// 预约: a reminder 10 minutes before the scheduled start and one at go-live, each once per person, on the test
// clock; and the session as a calendar file.

const t = setupTestDb();
afterEach(() => setClockForTests(null));

// 2026-12-01 20:00 in Shanghai.
const START = Date.parse("2026-12-01T12:00:00Z");
const at = (minutesFromStart: number) => new Date(START + minutesFromStart * 60_000);
const sweep = (when: Date) => t.db.transaction((tx) => remindUpcomingSessions(tx, when));

async function notes(userId: string) {
  return t.db
    .select({ kind: s.notifications.kind, link: s.notifications.link, params: s.notifications.params })
    .from(s.notifications)
    .where(and(eq(s.notifications.userId, userId)))
    .orderBy(s.notifications.id);
}

describe("预约 reminders", () => {
  it("10 minutes before, then at go-live: once each per person who asked, nobody else", async () => {
    setClockForTests(at(-120));
    const streamer = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
    const { id } = await createSession(streamer, { title: "湖墩新米直播", scheduledAt: "2026-12-01T20:00" });
    const [a, b, other] = await Promise.all([createViewer(t.db), createViewer(t.db), createViewer(t.db)]);
    await remindMe(a, { sessionId: id });
    await remindMe(b, { sessionId: id });
    await remindMe(b, { sessionId: id }); // asking twice is one reminder

    expect(await sweep(at(-11))).toBe(0);
    expect(await notes(a.userId)).toEqual([]);
    expect(await sweep(at(-10))).toBe(1);
    expect(await sweep(at(-9))).toBe(0);
    expect(await sweep(at(-1))).toBe(0);
    const soon = { kind: "live_soon", link: `/live/${id}`, params: { title: "湖墩新米直播" } };
    expect(await notes(a.userId)).toEqual([soon]);
    expect(await notes(b.userId)).toEqual([soon]);

    setClockForTests(at(0));
    await goLive(streamer, { sessionId: id });
    expect(await sweep(at(1))).toBe(0);
    const started = { kind: "live_started", link: `/live/${id}`, params: { title: "湖墩新米直播" } };
    expect(await notes(a.userId)).toEqual([soon, started]);
    expect(await notes(b.userId)).toEqual([soon, started]);
    expect(await notes(other.userId)).toEqual([]);
  });

  it("a session cancelled or already started gets no 'starts soon' reminder", async () => {
    setClockForTests(at(-120));
    const streamer = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
    const cancelled = (await createSession(streamer, { title: "取消的直播", scheduledAt: "2026-12-01T20:00" })).id;
    const viewer = await createViewer(t.db);
    await remindMe(viewer, { sessionId: cancelled });
    await cancelSession(streamer, { sessionId: cancelled });
    expect(await sweep(at(-5))).toBe(0);
    expect(await notes(viewer.userId)).toEqual([]);
  });
});

describe("the session as a calendar file", () => {
  it("an iCalendar event at the scheduled time (UTC), an hour long, with the link and a 10-minute alarm", async () => {
    setClockForTests(at(-120));
    const streamer = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
    const { id } = await createSession(streamer, {
      title: "湖墩新米直播, 第一场; 大柳村",
      scheduledAt: "2026-12-01T20:00",
    });
    const ics = (await sessionCalendar(id, "https://elian.example"))!;
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics).toContain("DTSTART:20261201T120000Z\r\n");
    expect(ics).toContain("DURATION:PT1H\r\n");
    expect(ics).toContain("SUMMARY:湖墩新米直播\\, 第一场\\; 大柳村\r\n");
    expect(ics).toContain(`URL:https://elian.example/live/${id}\r\n`);
    expect(ics).toContain(`UID:${id}@elian\r\n`);
    expect(ics).toMatch(/BEGIN:VALARM\r\n[\s\S]*TRIGGER:-PT10M\r\n[\s\S]*END:VALARM/);
    expect(ics).toContain("DESCRIPTION:湖墩新米直播  第一场  大柳村\r\n"); // the alarm's, nothing left to escape

    const res = await calendarRoute(new NextRequest(`http://127.0.0.1/live/${id}/calendar.ics`), {
      params: Promise.resolve({ id }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(await res.text()).toContain("DTSTART:20261201T120000Z");

    await cancelSession(streamer, { sessionId: id });
    expect(await sessionCalendar(id, "https://elian.example")).toBeNull();
    for (const bad of [id, "live_nope", "../etc", "live_%00", "x".repeat(500)]) {
      const r = await calendarRoute(new NextRequest("http://127.0.0.1/live/x/calendar.ics"), {
        params: Promise.resolve({ id: bad }),
      });
      expect(r.status).toBe(404);
    }
  });
});
