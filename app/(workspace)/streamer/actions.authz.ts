import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

const shanghai = (minutes: number) => new Date(Date.now() + minutes * 60_000 + 8 * 3600_000).toISOString().slice(0, 16);
const own = ["streamer"] as const;

// A streamer's own sessions: another streamer is told they do not exist.
export const authz = {
  createSessionAction: {
    allow: ["streamer", "streamer2"],
    input: () => ({ title: "矩阵新直播", scheduledAt: shanghai(60) }),
  },
  updateSessionAction: {
    allow: own,
    input: (f) => ({ sessionId: f.sessionOfStreamer, title: "矩阵直播", scheduledAt: shanghai(30) }),
  },
  cancelSessionAction: { allow: own, input: (f) => ({ sessionId: f.sessionToCancel }), destructive: true },
  setBagAction: { allow: own, input: (f) => ({ sessionId: f.sessionOfStreamer, productIds: f.productA }) },
  regenerateKeyAction: { allow: own, input: (f) => ({ sessionId: f.sessionOfStreamer }) },
  setReplayAction: {
    allow: own,
    input: (f) => ({ sessionId: f.sessionOfStreamer, replayUrl: "https://cdn.example.com/matrix.mp4" }),
  },
  goLiveAction: { allow: own, input: (f) => ({ sessionId: f.sessionOfStreamer }) },
  endSessionAction: { allow: own, input: (f) => ({ sessionId: f.sessionOfStreamer }), destructive: true },
  pinAction: { allow: own, input: (f) => ({ sessionId: f.sessionOfStreamer, productId: f.productA }) },
  unpinAction: { allow: own, input: (f) => ({ sessionId: f.sessionOfStreamer }) },
  revealAction: { allow: own, input: (f) => ({ sessionId: f.sessionOfStreamer, productId: f.productA }) },
  openDropAction: {
    allow: own,
    input: (f) => ({
      sessionId: f.sessionOfStreamer,
      variantId: f.variantA,
      price: "39",
      quantityCap: "5",
      perBuyerLimit: "1",
      durationSeconds: "600",
    }),
  },
  closeDropAction: {
    allow: own,
    input: (f) => ({ sessionId: f.sessionOfStreamer, dropId: f.dropOfStreamer }),
    destructive: true,
  },
  createTokenAction: { allow: ["streamer", "streamer2"], input: () => ({ name: "matrix-2", scopes: "sessions:read" }) },
  revokeTokenAction: { allow: own, input: (f) => ({ id: f.streamerTokenId }), destructive: true },
  // Each streamer keeps their own list: the second streamer writes theirs, not the first one's.
  setCommentFiltersAction: { allow: ["streamer", "streamer2"], input: () => ({ words: "矩阵词" }) },
} satisfies ActionsAuthz<typeof actions>;
