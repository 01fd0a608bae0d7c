import "server-only";
import { now } from "../core/clock";

/** The server clock (the injectable one) for pages that show time-dependent facts. */
export const serverNow = (): Date => now();
