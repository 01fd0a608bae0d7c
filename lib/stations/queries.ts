import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb, schema as s } from "../db";
import type { StationDto } from "./contract";

const st = s.stations;
const columns = {
  id: st.id,
  slug: st.slug,
  nameZh: st.nameZh,
  nameEn: st.nameEn,
  townZh: st.townZh,
  townEn: st.townEn,
  addressZh: st.addressZh,
  addressEn: st.addressEn,
  phone: st.phone,
  opensAt: st.opensAt,
  closesAt: st.closesAt,
  cutoffTime: st.cutoffTime,
  timezone: st.timezone,
  lat: st.lat,
  lng: st.lng,
  pickupExpiryDays: st.pickupExpiryDays,
  status: st.status,
};

export async function listActiveStations(): Promise<StationDto[]> {
  const db = await getDb();
  return db.select(columns).from(st).where(eq(st.status, "active")).orderBy(asc(st.createdAt), asc(st.slug));
}

export async function getStationById(id: string): Promise<StationDto | null> {
  const db = await getDb();
  const [row] = await db.select(columns).from(st).where(eq(st.id, id));
  return row ?? null;
}

export async function getStationBySlug(slug: string): Promise<StationDto | null> {
  const db = await getDb();
  const [row] = await db.select(columns).from(st).where(eq(st.slug, slug));
  return row && row.status === "active" ? row : null;
}

/** Every station, suspended ones too: for admins. */
export async function listAllStations(): Promise<StationDto[]> {
  const db = await getDb();
  return db.select(columns).from(st).orderBy(asc(st.createdAt), asc(st.slug));
}
