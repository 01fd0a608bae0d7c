import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, tstz, updatedAt } from "./columns";

export const cooperatives = pgTable(
  "cooperatives",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    villageZh: text("village_zh").notNull(),
    villageEn: text("village_en").notNull(),
    townZh: text("town_zh").notNull(),
    townEn: text("town_en").notNull(),
    storyZh: text("story_zh").notNull().default(""),
    storyEn: text("story_en").notNull().default(""),
    phone: text("phone"),
    imagePath: text("image_path"),
    /** 统一社会信用代码 (GB 32100-2015), from the approved application. */
    uscc: text("uscc"),
    contactName: text("contact_name"),
    /** The categories it sells (lib/catalog categories). */
    categories: jsonb("categories").$type<string[]>().notNull().default([]),
    /** The platform's fee on each of its lines, in basis points of the line total (set by the admin; default 3 %). */
    platformFeeBps: integer("platform_fee_bps").notNull().default(300),
    status: text("status", { enum: ["pending", "approved", "suspended"] })
      .notNull()
      .default("pending"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("cooperatives_slug_key").on(t.slug),
    uniqueIndex("cooperatives_uscc_key").on(t.uscc),
    check("cooperatives_platform_fee_range", sql`${t.platformFeeBps} between 0 and 3000`),
  ],
);

export const productStatuses = ["draft", "published", "archived"] as const;

export const products = pgTable(
  "products",
  {
    id: text("id").primaryKey(),
    coopId: text("coop_id")
      .notNull()
      .references(() => cooperatives.id),
    slug: text("slug").notNull(),
    category: text("category").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    /** Toneless pinyin, lower case, so "hudun" finds 湖墩: as the cooperative typed it, else derived. */
    namePinyin: text("name_pinyin").notNull().default(""),
    /** Derived from name_zh (pinyin-pro) on every save: "hu dun da mi". Searched by syllable, see search.ts. */
    pinyinSyllables: text("pinyin_syllables").notNull().default(""),
    /** Derived from name_zh on every save: "hddm", so "hd" finds 湖墩大米. */
    pinyinInitials: text("pinyin_initials").notNull().default(""),
    summaryZh: text("summary_zh").notNull().default(""),
    summaryEn: text("summary_en").notNull().default(""),
    descriptionZh: text("description_zh").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    originVillageZh: text("origin_village_zh").notNull(),
    originVillageEn: text("origin_village_en").notNull(),
    originTownZh: text("origin_town_zh").notNull(),
    originTownEn: text("origin_town_en").notNull(),
    harvestBatch: text("harvest_batch"),
    harvestedOn: date("harvested_on", { mode: "string" }),
    /** Keys such as green_food, geo_indication; the catalogs hold their names. */
    certifications: text("certifications")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    imagePath: text("image_path"),
    status: text("status", { enum: productStatuses }).notNull().default("draft"),
    publishedAt: tstz("published_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("products_slug_key").on(t.slug),
    index("products_coop_idx").on(t.coopId),
    index("products_status_category_idx").on(t.status, t.category),
    index("products_published_idx")
      .on(t.publishedAt.desc(), t.slug)
      .where(sql`${t.status} = 'published'`),
  ],
);

export const variants = pgTable(
  "variants",
  {
    id: text("id").primaryKey(),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    sku: text("sku").notNull(),
    labelZh: text("label_zh").notNull(),
    labelEn: text("label_en").notNull(),
    priceFen: integer("price_fen").notNull(),
    /** Units on hand and for sale. Only ever changed by a conditional UPDATE plus a movement row. */
    stock: integer("stock").notNull().default(0),
    weightGrams: integer("weight_grams"),
    position: integer("position").notNull().default(0),
    status: text("status", { enum: ["active", "archived"] })
      .notNull()
      .default("active"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("variants_sku_key").on(t.sku),
    index("variants_product_idx").on(t.productId),
    check("variants_stock_nonneg", sql`${t.stock} >= 0`),
    check("variants_price_positive", sql`${t.priceFen} > 0`),
  ],
);
