// The live use cases as the control room's actions and the streamer API reach them: what the form or the JSON
// body holds, parsed by the contract's schema first (a ZodError rejects where the transport answers VALIDATION).
import * as c from "../../../lib/live/contract";
import * as bag from "../../../lib/live/bag-and-pins";
import * as drops from "../../../lib/live/drops";
import * as sessions from "../../../lib/live/sessions";
import * as comments from "../../../lib/live/comments";
import * as likes from "../../../lib/live/likes";
import { parsed } from "../parse";

export const createSession = parsed(c.createSessionInput, sessions.createSession);
export const updateSession = parsed(c.updateSessionInput, sessions.updateSession);
export const cancelSession = parsed(c.sessionIdInput, sessions.cancelSession);
export const regenerateStreamKey = parsed(c.sessionIdInput, sessions.regenerateStreamKey);
export const goLive = parsed(c.sessionIdInput, sessions.goLive);
export const endSession = parsed(c.sessionIdInput, sessions.endSession);
export const setReplayUrl = parsed(c.replayInput, sessions.setReplayUrl);
export const remindMe = parsed(c.sessionIdInput, sessions.remindMe);
export const setBag = parsed(c.bagInput, bag.setBag);
export const pinProduct = parsed(c.pinInput, bag.pinProduct);
export const unpinProduct = parsed(c.unpinInput, bag.unpinProduct);
export const revealPrice = parsed(c.pinInput, bag.revealPrice);
export const openDrop = parsed(c.openDropInput, drops.openDrop);
export const closeDrop = parsed(c.closeDropInput, drops.closeDrop);
export const buyDrop = parsed(c.buyDropInput, drops.buyDrop);
export const postComment = parsed(c.postCommentInput, comments.postComment);
export const deleteComment = parsed(c.commentIdInput, comments.deleteComment);
export const muteCommenter = parsed(c.commentIdInput, comments.muteCommenter);
export const like = parsed(c.sessionIdInput, likes.like);
