import "server-only";
import { AppError } from "../core/errors";
import type { Viewer, Workspace } from "./contract";

/** Throws UNAUTHENTICATED for anonymous callers. */
export function assertViewer(viewer: Viewer | null): asserts viewer is Viewer {
  if (!viewer) throw new AppError("UNAUTHENTICATED", "sign-in required");
}

export function hasWorkspace(viewer: Viewer | null, ws: Workspace): boolean {
  if (!viewer) return false;
  switch (ws) {
    case "admin":
      return viewer.caps.admin;
    case "streamer":
      return viewer.caps.streamer;
    case "coop":
      return viewer.caps.coopIds.length > 0;
    case "station":
      return viewer.caps.stationIds.length > 0;
  }
}

/** Anonymous → UNAUTHENTICATED; signed in without the capability → NOT_FOUND (nothing to see here). */
export function assertWorkspace(viewer: Viewer | null, ws: Workspace): asserts viewer is Viewer {
  assertViewer(viewer);
  if (!hasWorkspace(viewer, ws)) throw new AppError("NOT_FOUND", `no ${ws} workspace for this user`);
}

/** A cooperative's data is visible to its members and admins only; others get NOT_FOUND. */
export function assertCoopMember(viewer: Viewer | null, coopId: string): asserts viewer is Viewer {
  assertViewer(viewer);
  if (!viewer.caps.coopIds.includes(coopId) && !viewer.caps.admin)
    throw new AppError("NOT_FOUND", "cooperative not found");
}

export function assertStationManager(viewer: Viewer | null, stationId: string): asserts viewer is Viewer {
  assertViewer(viewer);
  if (!viewer.caps.stationIds.includes(stationId) && !viewer.caps.admin)
    throw new AppError("NOT_FOUND", "station not found");
}

export function assertAdmin(viewer: Viewer | null): asserts viewer is Viewer {
  assertWorkspace(viewer, "admin");
}
