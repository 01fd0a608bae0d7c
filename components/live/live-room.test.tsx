// @vitest-environment jsdom
import { cleanup, screen } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { LiveSnapshot } from "@/lib/live/contract";
import { renderWithIntl } from "@/tests/support/intl";
import { LiveRoom } from "./live-room";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {} }) }));
// The room subscribes to its events; here it stays connected to nothing.
class SilentEventSource {
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  addEventListener() {}
  removeEventListener() {}
  close() {}
}
beforeAll(() => {
  vi.stubGlobal("EventSource", SilentEventSource);
  HTMLMediaElement.prototype.load = () => {};
  HTMLMediaElement.prototype.pause = () => {};
  HTMLMediaElement.prototype.play = () => Promise.resolve();
});
afterEach(cleanup);

const snapshot = (over: Partial<LiveSnapshot>): LiveSnapshot => ({
  sessionId: "live_demo_hudun",
  status: "ended",
  title: "湖墩新米直播",
  startedAt: "2026-12-01T12:00:00.000Z",
  endedAt: "2026-12-01T13:00:00.000Z",
  pinned: null,
  bag: [],
  drops: [],
  viewers: 37,
  ticker: { buyers: [], count: 0 },
  lastEventId: 9,
  ...over,
});

function room(initial: LiveSnapshot, replayUrl: string | null) {
  return renderWithIntl(
    <LiveRoom
      initial={initial}
      playbackUrl="http://127.0.0.1:8080/live/live_demo_hudun.m3u8"
      replayUrl={replayUrl}
      poster={null}
      locale="zh-CN"
      serverNow={Date.now()}
      stations={[]}
      signedIn={false}
      loginHref="/login"
      timeline={[]}
      scheduledLabel="12月1日 20:00"
    />,
  );
}

describe("the live room after the broadcast", () => {
  it("without a recording: says it has ended, offers no replay, shows no viewer count", () => {
    room(snapshot({}), null);
    expect(screen.getByTestId("live-status").textContent).toBe("直播已结束");
    expect(screen.queryByTestId("replay-badge")).toBeNull();
    expect(screen.queryByTestId("viewer-count")).toBeNull();
  });

  it("with a recording: the replay badge and 可看回放, still no viewer count", () => {
    room(snapshot({}), "http://127.0.0.1:8080/replays/live_demo_hudun.mp4");
    expect(screen.getByTestId("live-status").textContent).toBe("直播已结束,可看回放");
    expect(screen.getByTestId("replay-badge").textContent).toBe("回放");
    expect(screen.queryByTestId("viewer-count")).toBeNull();
  });

  it("while live: the viewer count, no replay badge", () => {
    room(snapshot({ status: "live", endedAt: null }), null);
    expect(screen.getByTestId("viewer-count").textContent).toContain("37");
    expect(screen.queryByTestId("replay-badge")).toBeNull();
  });
});
