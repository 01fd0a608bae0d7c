"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth";
import { deleteComment, like, muteCommenter, postComment, remindMe } from "@/lib/live";
import { commentIdInput, postCommentInput, sessionIdInput } from "@/lib/live/contract";

export const remindMeAction = defineAction(
  { name: "remindMe", access: "user", input: sessionIdInput },
  async (input, { viewer }) => {
    await remindMe(viewer, input);
    revalidatePath("/live");
  },
);

// 弹幕 and 点赞: every signed-in viewer; what they send reaches the others as live events.
export const postCommentAction = defineAction(
  { name: "postComment", access: "user", input: postCommentInput },
  (input, { viewer }) => postComment(viewer, input),
);

export const likeAction = defineAction({ name: "like", access: "user", input: sessionIdInput }, (input, { viewer }) =>
  like(viewer, input),
);

// Moderation: the session's streamer, a featured cooperative's member or an admin (decided in lib/live); anyone
// else is told the comment does not exist.
export const deleteCommentAction = defineAction(
  { name: "deleteComment", access: "user", input: commentIdInput },
  (input, { viewer }) => deleteComment(viewer, input),
);

export const muteCommenterAction = defineAction(
  { name: "muteCommenter", access: "user", input: commentIdInput },
  (input, { viewer }) => muteCommenter(viewer, input),
);
