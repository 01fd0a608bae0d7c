// @vitest-environment jsdom
import { act, cleanup, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { LiveSnapshot } from "@/lib/live/contract";
import { renderWithIntl } from "@/tests/support/intl";
import { LiveRoom } from "./live-room";
import type { Like, PostComment } from "./use-live-comments";

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
  comments: [],
  likes: 0,
  lastEventId: 9,
  ...over,
});

const noPost: PostComment = async () => ({ ok: false, code: "INTERNAL", message: "x" });
const noLike: Like = async () => ({ ok: true, data: undefined });

function room(
  initial: LiveSnapshot,
  replayUrl: string | null,
  opts: { postComment?: PostComment; like?: Like; signedIn?: boolean } = {},
) {
  return renderWithIntl(
    <LiveRoom
      initial={initial}
      playbackUrl="http://127.0.0.1:8080/live/live_demo_hudun.m3u8"
      replayUrl={replayUrl}
      poster={null}
      locale="zh-CN"
      serverNow={Date.now()}
      stations={[]}
      signedIn={opts.signedIn ?? false}
      loginHref="/login"
      timeline={[]}
      scheduledLabel="12月1日 20:00"
      postComment={opts.postComment ?? noPost}
      like={opts.like ?? noLike}
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

describe("comments and likes in the room", () => {
  const live = snapshot({
    status: "live",
    endedAt: null,
    likes: 41,
    comments: [{ id: "cmt_1", name: "阿*", body: "米什么时候发货?", at: "2026-12-01T12:01:00.000Z" }],
  });

  it("sends what the viewer typed, shows it, clears the box; a muted viewer's own comment says only they see it", async () => {
    const sent: { sessionId: string; body: string }[] = [];
    const post: PostComment = async (input) => {
      sent.push(input);
      return {
        ok: true,
        data: { id: "cmt_2", name: "老*", body: input.body, at: "2026-12-01T12:02:00.000Z", shown: false },
      };
    };
    room(live, null, { postComment: post, signedIn: true });
    expect(screen.getAllByTestId("comment").map((c) => c.textContent)).toContain("阿* 米什么时候发货?");
    await userEvent.type(screen.getByTestId("comment-input"), "还有货吗");
    await userEvent.click(screen.getByTestId("comment-send"));
    expect(sent).toEqual([{ sessionId: "live_demo_hudun", body: "还有货吗" }]);
    expect((screen.getByTestId("comment-input") as HTMLInputElement).value).toBe("");
    const mine = screen.getAllByTestId("comment").filter((c) => c.dataset.hidden);
    expect(mine.map((c) => c.textContent)).toContain("老* 还有货吗 (仅你可见)");
  });

  it("a refused comment keeps the text and says why", async () => {
    const post: PostComment = async () => ({
      ok: false,
      code: "VALIDATION",
      message: "请检查输入",
      fields: { body: ["blocked_word"] },
    });
    room(live, null, { postComment: post, signedIn: true });
    await userEvent.type(screen.getByTestId("comment-input"), "加微信");
    await userEvent.click(screen.getByTestId("comment-send"));
    expect(screen.getByTestId("comment-error").textContent).toBe("这条弹幕含有主播或平台屏蔽的词,换个说法吧。");
    expect((screen.getByTestId("comment-input") as HTMLInputElement).value).toBe("加微信");
  });

  it("a like counts at once on the viewer's screen; signed out, no box and no like", async () => {
    let likes = 0;
    room(live, null, { like: async () => (likes++, { ok: true, data: undefined }), signedIn: true });
    await act(async () => {
      await userEvent.click(screen.getByTestId("like"));
      await userEvent.click(screen.getByTestId("like"));
    });
    expect(screen.getByTestId("like-count").textContent).toBe("43");
    expect(likes).toBe(2);
    cleanup();
    room(live, null);
    expect(screen.queryByTestId("comment-input")).toBeNull();
    expect((screen.getByTestId("like") as HTMLButtonElement).disabled).toBe(true);
  });
});
