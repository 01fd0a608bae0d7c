import "server-only";
export {
  createSession,
  updateSession,
  cancelSession,
  regenerateStreamKey,
  goLive,
  endSession,
  setReplayUrl,
  remindMe,
  startSessionTx,
  endSessionTx,
  hashStreamKey,
} from "./sessions";
export { setBag, pinProduct, unpinProduct, revealPrice } from "./bag-and-pins";
export { openDrop, closeDrop, buyDrop, closeExpiredDrops } from "./drops";
export { releaseUncarried } from "./release-uncarried";
export { openEventStream } from "./stream";
export { serveEventStream, STREAMABLE_SESSION_ID, EVENT_STREAM_HEADERS } from "./node-event-stream";
export { buildSnapshot } from "./snapshot";
export {
  listLiveSessions,
  getLiveRoom,
  listMySessions,
  listCoopSessions,
  getSessionForStreamer,
  liveFigures,
  playbackUrl,
  type LiveCardDto,
  type LiveRoomDto,
} from "./queries";
export { sessionMachine, dropMachine } from "./state";
export { handleIngestCallback, endAbandonedSessions } from "./ingest";
export { remindUpcomingSessions } from "./reminders";
export {
  postComment,
  deleteComment,
  muteCommenter,
  setCommentFilters,
  commentFilters,
  PLATFORM_FILTERS,
  type PostedComment,
} from "./comments";
export { like, flushLikes } from "./likes";
export { sessionCalendar } from "./calendar";
export { readHookBody } from "./hook-guard";
export { fromSrs, fromNginx } from "./hook-payloads";
export { buyDropRoute } from "./drop-purchase-route";
