import type { z } from "zod";

/**
 * A use case called the way its transport calls it: the raw form or JSON parsed by its contract schema first (a
 * ZodError rejects, where the transport would answer VALIDATION), then the typed use case. For tests that send
 * what a browser would.
 */
export function parsed<S extends z.ZodType, A, R>(schema: S, useCase: (first: A, input: z.output<S>) => Promise<R>) {
  return async (first: A, raw: unknown): Promise<R> => useCase(first, schema.parse(raw));
}
