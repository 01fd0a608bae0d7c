import "server-only";
export { checkHealth, type Health } from "./health";
export { runSweep, type SweepReport } from "./sweep";
export { startSweepTimer } from "./sweep-timer";
export { cronAuthorized, testHooksEnabled } from "./guards";
export { controlTestClock } from "./test-clock";
export { startBackgroundWork } from "./startup";
export { serverNow } from "./server-now";
