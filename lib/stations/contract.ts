import { z } from "zod";

export interface StationDto {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  townZh: string;
  townEn: string;
  addressZh: string;
  addressEn: string;
  phone: string;
  opensAt: string;
  closesAt: string;
  cutoffTime: string;
  timezone: string;
  lat: number;
  lng: number;
  pickupExpiryDays: number;
  status: "active" | "suspended";
}

/** Great-circle distance in km, for "how far is this station from me" (no map tiles needed). */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
export * from "./schedule";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "invalid_time");

/** What a station manager may change: opening hours and the daily order cutoff. */
export const stationHoursInput = z
  .strictObject({ stationId: z.string().min(1).max(64), opensAt: hhmm, closesAt: hhmm, cutoffTime: hhmm })
  .refine((v) => v.opensAt < v.closesAt, { path: ["closesAt"], message: "close_before_open" });
export type StationHoursInput = z.output<typeof stationHoursInput>;

const text = (max: number) => z.string().trim().min(1, "required").max(max, "too_long");
const coordinate = (min: number, max: number) =>
  z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^-?\d{1,3}(\.\d{1,7})?$/, "invalid")
        .transform(Number),
    ])
    .pipe(z.number().min(min, "invalid").max(max, "invalid"));

export const stationFields = {
  slug: z
    .string()
    .trim()
    .min(2, "required")
    .max(60, "too_long")
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "invalid_slug"),
  nameZh: text(60),
  nameEn: text(80),
  townZh: text(30),
  townEn: text(40),
  addressZh: text(120),
  addressEn: text(160),
  phone: z
    .string()
    .trim()
    .regex(/^[\d -]{7,20}$/, "invalid_phone"),
  opensAt: hhmm,
  closesAt: hhmm,
  cutoffTime: hhmm,
  lat: coordinate(-90, 90),
  lng: coordinate(-180, 180),
  pickupExpiryDays: z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^\d{1,2}$/, "invalid")
        .transform(Number),
    ])
    .pipe(z.number().int().min(1, "invalid").max(30, "invalid")),
};

export const createStationInput = z.strictObject(stationFields);
export type CreateStationInput = z.output<typeof createStationInput>;
export const updateStationInput = z.strictObject({ stationId: z.string().min(1).max(64), ...stationFields });
export type UpdateStationInput = z.output<typeof updateStationInput>;
export const stationStatusInput = z.strictObject({
  stationId: z.string().min(1).max(64),
  status: z.enum(["active", "suspended"]),
});
export type StationStatusInput = z.output<typeof stationStatusInput>;
