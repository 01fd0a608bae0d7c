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
