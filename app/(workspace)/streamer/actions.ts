"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { createApiToken, defineAction, revokeApiToken } from "@/lib/auth";
import { createTokenInput, revokeTokenInput } from "@/lib/auth/contract";
import {
  cancelSession,
  closeDrop,
  createSession,
  endSession,
  goLive,
  openDrop,
  pinProduct,
  regenerateStreamKey,
  revealPrice,
  setBag,
  setCommentFilters,
  setReplayUrl,
  unpinProduct,
  updateSession,
} from "@/lib/live";
import {
  bagInput,
  closeDropInput,
  commentFiltersInput,
  createSessionInput,
  openDropInput,
  pinInput,
  replayInput,
  sessionIdInput,
  unpinInput,
  updateSessionInput,
} from "@/lib/live/contract";

const spec = <S extends z.ZodType>(name: string, input: S) => ({ name, access: "streamer" as const, input });
const refresh = (id: string) => {
  revalidatePath("/streamer");
  revalidatePath(`/streamer/sessions/${id}`);
  revalidatePath(`/streamer/sessions/${id}/control`);
};

export const createSessionAction = defineAction(
  spec("createLiveSession", createSessionInput),
  async (input, { viewer }) => {
    const { id } = await createSession(viewer, input);
    redirect(`/streamer/sessions/${id}`);
  },
);
export const updateSessionAction = defineAction(
  spec("updateLiveSession", updateSessionInput),
  async (input, { viewer }) => {
    await updateSession(viewer, input);
    refresh(input.sessionId);
  },
);
export const cancelSessionAction = defineAction(
  spec("cancelLiveSession", sessionIdInput),
  async (input, { viewer }) => {
    await cancelSession(viewer, input);
    refresh(input.sessionId);
  },
);
export const setBagAction = defineAction(spec("setBag", bagInput), async (input, { viewer }) => {
  await setBag(viewer, input);
  refresh(input.sessionId);
});
export const regenerateKeyAction = defineAction(
  spec("regenerateStreamKey", sessionIdInput),
  async (input, { viewer }) => {
    const r = await regenerateStreamKey(viewer, input);
    refresh(input.sessionId);
    return r;
  },
);
export const setReplayAction = defineAction(spec("setReplayUrl", replayInput), async (input, { viewer }) => {
  await setReplayUrl(viewer, input);
  refresh(input.sessionId);
});
export const goLiveAction = defineAction(spec("goLive", sessionIdInput), async (input, { viewer }) => {
  await goLive(viewer, input);
  refresh(input.sessionId);
});
export const endSessionAction = defineAction(spec("endLiveSession", sessionIdInput), async (input, { viewer }) => {
  await endSession(viewer, input);
  refresh(input.sessionId);
});
export const pinAction = defineAction(spec("pinProduct", pinInput), async (input, { viewer }) => {
  await pinProduct(viewer, input);
  refresh(input.sessionId);
});
export const unpinAction = defineAction(spec("unpinProduct", unpinInput), async (input, { viewer }) => {
  await unpinProduct(viewer, input);
  refresh(input.sessionId);
});
export const revealAction = defineAction(spec("revealPrice", pinInput), async (input, { viewer }) => {
  await revealPrice(viewer, input);
  refresh(input.sessionId);
});
export const openDropAction = defineAction(spec("openDrop", openDropInput), async (input, { viewer }) => {
  const r = await openDrop(viewer, input);
  refresh(input.sessionId);
  return r;
});
export const closeDropAction = defineAction(spec("closeDrop", closeDropInput), async (input, { viewer }) => {
  await closeDrop(viewer, input);
  refresh(input.sessionId);
});

export const createTokenAction = defineAction(
  { name: "createApiToken", access: "streamer", input: createTokenInput },
  async (input, { viewer }) => {
    const { token } = await createApiToken(viewer, input);
    revalidatePath("/streamer");
    return { token };
  },
);
export const revokeTokenAction = defineAction(
  { name: "revokeApiToken", access: "streamer", input: revokeTokenInput },
  async (input, { viewer }) => {
    await revokeApiToken(viewer, input);
    revalidatePath("/streamer");
  },
);

/** The streamer's own words no comment in their sessions may contain. */
export const setCommentFiltersAction = defineAction(
  { name: "setCommentFilters", access: "streamer", input: commentFiltersInput },
  async (input, { viewer }) => {
    await setCommentFilters(viewer, input, "own");
    revalidatePath("/streamer");
  },
);
