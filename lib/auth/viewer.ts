import "server-only";
import { cache } from "react";
import type { Viewer } from "./contract";
import { auth } from "./next-auth";
import { viewerForSession } from "./sessions";

/** The signed-in person for this request, checked against the live session row; null when anonymous. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const sid = session?.sid;
  const uid = session?.user?.id;
  if (!sid || !uid) return null;
  return viewerForSession(sid, uid);
});
