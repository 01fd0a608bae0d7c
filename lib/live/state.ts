import { defineMachine } from "../core/state-machine";
import type { LiveStatus } from "./contract";

/** scheduled → live → ended; a scheduled session can be cancelled. */
export const sessionMachine = defineMachine<LiveStatus>("live session", {
  scheduled: ["live", "cancelled"],
  live: ["ended"],
  ended: [],
  cancelled: [],
});

/** A drop is open until it is closed (early by the streamer, at its end time, or with its session). */
export const dropMachine = defineMachine<"open" | "closed">("drop", { open: ["closed"], closed: [] });
