import { notFound } from "next/navigation";
import { isAppError } from "@/lib/core/errors";

/** Someone else's (or a missing) product, variant or cooperative renders the 404 page; other errors propagate. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}
