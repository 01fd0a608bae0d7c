import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { Viewer, Workspace } from "./contract";
import { hasWorkspace } from "./access";
import { getViewer } from "./viewer";

async function currentPath(): Promise<string> {
  return (await headers()).get("x-pathname") ?? "/";
}

/** For pages: the viewer, or a redirect to sign-in that comes back here. */
export async function requireViewerPage(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/login?callbackUrl=${encodeURIComponent(await currentPath())}`);
  return viewer;
}

/** For workspace pages: anonymous → sign-in; signed in without the capability → 404. */
export async function requireWorkspacePage(ws: Workspace): Promise<Viewer> {
  const viewer = await requireViewerPage();
  if (!hasWorkspace(viewer, ws)) notFound();
  return viewer;
}
