import "server-only";
import { and, desc, eq, type SQL } from "drizzle-orm";
import { assertAdmin, assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { getDb, schema as s, type DbOrTx } from "../db";
import type { AdminApplicationDto, ApplicationDto, ApplicationKind, ApplicationQueueFilter } from "./contract";

type Row = typeof s.applications.$inferSelect;

const toDto = (r: Row): ApplicationDto =>
  ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    revision: r.revision,
    rejectReason: r.rejectReason,
    submittedAt: r.submittedAt,
    reviewedAt: r.reviewedAt,
    resultId: r.resultId,
    details: r.details,
  }) as ApplicationDto;

/** The signed-in person's applications, newest first. */
export async function listMyApplications(viewer: Viewer | null): Promise<ApplicationDto[]> {
  assertViewer(viewer);
  const db = await getDb();
  const rows = await db
    .select()
    .from(s.applications)
    .where(eq(s.applications.userId, viewer.userId))
    .orderBy(desc(s.applications.submittedAt));
  return rows.map(toDto);
}

/** One of the person's own applications; someone else's answers NOT_FOUND. */
export async function getMyApplication(viewer: Viewer | null, id: string): Promise<ApplicationDto> {
  assertViewer(viewer);
  const db = await getDb();
  const [row] = await db
    .select()
    .from(s.applications)
    .where(and(eq(s.applications.id, id), eq(s.applications.userId, viewer.userId)));
  if (!row) throw new AppError("NOT_FOUND", "application not found");
  return toDto(row);
}

async function joinedStatus(db: DbOrTx, kind: ApplicationKind, id: string): Promise<AdminApplicationDto["joined"]> {
  if (kind === "coop") {
    const [r] = await db
      .select({ status: s.cooperatives.status })
      .from(s.cooperatives)
      .where(eq(s.cooperatives.id, id));
    return r ? { kind, id, status: r.status === "suspended" ? "suspended" : "active" } : null;
  }
  if (kind === "station") {
    const [r] = await db.select({ status: s.stations.status }).from(s.stations).where(eq(s.stations.id, id));
    return r ? { kind, id, status: r.status } : null;
  }
  const [r] = await db
    .select({ status: s.streamerProfiles.status })
    .from(s.streamerProfiles)
    .where(eq(s.streamerProfiles.userId, id));
  return r ? { kind, id, status: r.status } : null;
}

const applicant = { id: s.users.id, name: s.users.name, email: s.users.email, phone: s.users.phone };

/** Admin: the review queue, filtered by kind and status; oldest submission first so nobody waits longest. */
export async function listApplicationsForAdmin(
  viewer: Viewer | null,
  filter: ApplicationQueueFilter,
): Promise<AdminApplicationDto[]> {
  assertAdmin(viewer);
  const db = await getDb();
  const where: SQL[] = [];
  if (filter.kind) where.push(eq(s.applications.kind, filter.kind));
  if (filter.status) where.push(eq(s.applications.status, filter.status));
  const rows = await db
    .select({ app: s.applications, applicant })
    .from(s.applications)
    .innerJoin(s.users, eq(s.users.id, s.applications.userId))
    .where(and(...where))
    .orderBy(s.applications.submittedAt)
    .limit(200);
  return rows.map((r) => ({ ...toDto(r.app), applicant: r.applicant, joined: null }));
}

/** Admin: one application with its applicant and, once approved, the status of what it created. */
export async function getApplicationForAdmin(viewer: Viewer | null, id: string): Promise<AdminApplicationDto> {
  assertAdmin(viewer);
  const db = await getDb();
  const [r] = await db
    .select({ app: s.applications, applicant })
    .from(s.applications)
    .innerJoin(s.users, eq(s.users.id, s.applications.userId))
    .where(eq(s.applications.id, id));
  if (!r) throw new AppError("NOT_FOUND", "application not found");
  const joined = r.app.resultId ? await joinedStatus(db, r.app.kind, r.app.resultId) : null;
  return { ...toDto(r.app), applicant: r.applicant, joined };
}
