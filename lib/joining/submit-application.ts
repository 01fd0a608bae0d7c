import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { newId } from "../core/ids";
import { getDb, isUniqueViolation, schema as s, type Tx } from "../db";
import type {
  ApplicationKind,
  CoopApplicationInput,
  CoopDetails,
  StationApplicationInput,
  StationDetails,
  StreamerApplicationInput,
  StreamerDetails,
} from "./contract";
import { documentPathOf } from "./documents";
import { applicationMachine } from "./state";

const alreadyOpen = (cause?: unknown) =>
  new AppError("CONFLICT", "an open application of this kind exists", { fields: { _: ["application_open"] }, cause });

/**
 * Files a new application, or — with `applicationId` — corrects and resubmits the person's rejected one in place
 * (revision + 1, back to pending). One open (pending or rejected) application per person and kind: the partial
 * unique index `applications_one_open_key` decides a race between two submissions that both saw none.
 */
async function submit(
  viewer: Viewer,
  kind: ApplicationKind,
  applicationId: string | undefined,
  details: Record<string, unknown>,
  check?: (tx: Tx) => Promise<void>,
): Promise<{ id: string; revision: number }> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      await check?.(tx);
      if (applicationId) {
        const [row] = await tx
          .select({ id: s.applications.id, kind: s.applications.kind, status: s.applications.status })
          .from(s.applications)
          .where(and(eq(s.applications.id, applicationId), eq(s.applications.userId, viewer.userId)))
          .for("update");
        if (!row || row.kind !== kind) throw new AppError("NOT_FOUND", "application not found");
        applicationMachine.assert(row.status, "pending");
        const [updated] = await tx
          .update(s.applications)
          .set({
            details,
            status: "pending",
            revision: sql`${s.applications.revision} + 1`,
            rejectReason: null,
            reviewedBy: null,
            reviewedAt: null,
            submittedAt: now(),
            updatedAt: now(),
          })
          .where(and(eq(s.applications.id, row.id), inArray(s.applications.status, applicationMachine.from("pending"))))
          .returning({ id: s.applications.id, revision: s.applications.revision });
        if (!updated) throw new AppError("INVALID_STATE", "application changed meanwhile");
        return updated;
      }
      const open = await tx
        .select({ id: s.applications.id })
        .from(s.applications)
        .where(
          and(
            eq(s.applications.userId, viewer.userId),
            eq(s.applications.kind, kind),
            inArray(s.applications.status, ["pending", "rejected"]),
          ),
        );
      if (open.length) throw alreadyOpen();
      const [created] = await tx
        .insert(s.applications)
        .values({ id: newId("app"), userId: viewer.userId, kind, details, submittedAt: now() })
        .returning({ id: s.applications.id, revision: s.applications.revision });
      return created!;
    });
  } catch (err) {
    // A twin submission committed between our look and our insert.
    if (isUniqueViolation(err, "applications_one_open_key")) throw alreadyOpen(err);
    throw err;
  }
}

const blankToUndefined = (v: string | undefined) => (v ? v : undefined);

export async function applyAsCoop(viewer: Viewer | null, input: CoopApplicationInput) {
  assertViewer(viewer);
  const { applicationId, licence, photos, ...rest } = input;
  const details: CoopDetails = {
    ...rest,
    licence: documentPathOf(viewer.userId, licence, "licence"),
    photos: photos.map((p) => documentPathOf(viewer.userId, p, "photos")),
  };
  return submit(viewer, "coop", blankToUndefined(applicationId), details, async (tx) => {
    const taken = await tx
      .select({ id: s.cooperatives.id })
      .from(s.cooperatives)
      .where(eq(s.cooperatives.uscc, input.uscc));
    if (taken.length)
      throw new AppError("VALIDATION", "a cooperative with this USCC exists", { fields: { uscc: ["uscc_taken"] } });
  });
}

export async function applyAsStreamer(viewer: Viewer | null, input: StreamerApplicationInput) {
  assertViewer(viewer);
  const { applicationId, ...details } = input;
  if (viewer.caps.streamer) throw new AppError("CONFLICT", "already a streamer", { fields: { _: ["already_joined"] } });
  return submit(viewer, "streamer", blankToUndefined(applicationId), details satisfies StreamerDetails);
}

export async function applyAsStation(viewer: Viewer | null, input: StationApplicationInput) {
  assertViewer(viewer);
  const { applicationId, ...details } = input;
  return submit(viewer, "station", blankToUndefined(applicationId), details satisfies StationDetails);
}

/** The applicant takes back a pending or rejected application; approved and withdrawn ones stay as they are. */
export async function withdrawApplication(viewer: Viewer | null, applicationId: string): Promise<void> {
  assertViewer(viewer);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: s.applications.id, status: s.applications.status })
      .from(s.applications)
      .where(and(eq(s.applications.id, applicationId), eq(s.applications.userId, viewer.userId)))
      .for("update");
    if (!row) throw new AppError("NOT_FOUND", "application not found");
    applicationMachine.assert(row.status, "withdrawn");
    await tx.update(s.applications).set({ status: "withdrawn", updatedAt: now() }).where(eq(s.applications.id, row.id));
  });
}
