import { sql } from "drizzle-orm";
import { check, doublePrecision, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";

/** 网联驿站: village pickup stations run by a 团长. Times are "HH:MM" in the station's time zone. */
export const stations = pgTable(
  "stations",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    townZh: text("town_zh").notNull(),
    townEn: text("town_en").notNull(),
    addressZh: text("address_zh").notNull(),
    addressEn: text("address_en").notNull(),
    phone: text("phone").notNull(),
    opensAt: text("opens_at").notNull().default("08:00"),
    closesAt: text("closes_at").notNull().default("20:00"),
    cutoffTime: text("cutoff_time").notNull().default("22:00"),
    timezone: text("timezone").notNull().default("Asia/Shanghai"),
    lat: doublePrecision("lat").notNull(),
    lng: doublePrecision("lng").notNull(),
    /** 过期退: days an order may wait at the station before it is cancelled and refunded. */
    pickupExpiryDays: integer("pickup_expiry_days").notNull().default(3),
    /** Parcels a day the station can take in, as its application said; null: not stated. */
    dailyCapacity: integer("daily_capacity"),
    /** The 团长's commission on each line handed over here, in basis points of the line total (set by the admin). */
    commissionBps: integer("commission_bps").notNull().default(500),
    status: text("status", { enum: ["active", "suspended"] })
      .notNull()
      .default("active"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("stations_slug_key").on(t.slug),
    check("stations_times_format", sql`${t.cutoffTime} ~ '^[0-2][0-9]:[0-5][0-9]$'`),
    check("stations_expiry_positive", sql`${t.pickupExpiryDays} between 1 and 30`),
    check("stations_commission_range", sql`${t.commissionBps} between 0 and 2000`),
  ],
);
