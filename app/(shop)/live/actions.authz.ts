import { signedIn, type ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

// The session is the streamer's and features cooperative A: its streamer, coop A's members and an admin moderate
// it; coop B and everyone else are told the comment does not exist.
const moderators = ["streamer", "coopA", "admin"] as const;

export const authz = {
  remindMeAction: { allow: signedIn, input: (f) => ({ sessionId: f.sessionToCancel }) },
  postCommentAction: { allow: signedIn, input: (f) => ({ sessionId: f.sessionOfStreamer, body: "矩阵评论" }) },
  likeAction: { allow: signedIn, input: (f) => ({ sessionId: f.sessionOfStreamer }) },
  deleteCommentAction: { allow: moderators, input: (f) => ({ commentId: f.commentOfBuyer }) },
  muteCommenterAction: { allow: moderators, input: (f) => ({ commentId: f.commentOfBuyer }) },
} satisfies ActionsAuthz<typeof actions>;
