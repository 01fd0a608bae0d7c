import { z } from "zod";

/** POST /api/test/clock (browser tests only): move the server clock, and run the sweep. */
export const testClockInput = z.strictObject({
  advanceMs: z
    .number()
    .int()
    .min(0)
    .max(400 * 86_400_000)
    .optional(),
  at: z.iso.datetime().optional(),
  reset: z.boolean().optional(),
  sweep: z.boolean().optional(),
});
export type TestClockInput = z.output<typeof testClockInput>;
