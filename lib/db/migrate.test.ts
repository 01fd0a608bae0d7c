import fs from "node:fs";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applyMigrations, migrationsFolder } from "./connect";
import { createTestDb, testDriver } from "./test-db";
import { rowsOf } from "./types";

describe(`migrations (${testDriver()})`, () => {
  it("apply on this driver, and applying again changes nothing", async () => {
    const h = await createTestDb();
    try {
      await applyMigrations(h); // already migrated from the template: must be a no-op
      const tables = await rowsOf<{ table_name: string }>(
        h.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`),
      );
      const names = tables.map((r) => r.table_name);
      for (const t of [
        "users",
        "memberships",
        "auth_sessions",
        "cooperatives",
        "products",
        "variants",
        "inventory_movements",
        "stations",
      ]) {
        expect(names).toContain(t);
      }
      const journal = JSON.parse(fs.readFileSync(`${migrationsFolder()}/meta/_journal.json`, "utf8"));
      const applied = await rowsOf<{ n: number }>(
        h.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
      );
      expect(applied[0]!.n).toBe(journal.entries.length);
    } finally {
      await h.close();
    }
  });

  it("back the stock invariant with a CHECK: a raw decrement below zero fails", async () => {
    const h = await createTestDb();
    try {
      await h.db.execute(
        sql`insert into cooperatives (id, slug, name_zh, name_en, village_zh, village_en, town_zh, town_en) values ('c1','c1','c','c','v','v','t','t')`,
      );
      await h.db.execute(
        sql`insert into products (id, coop_id, slug, category, name_zh, name_en, origin_village_zh, origin_village_en, origin_town_zh, origin_town_en) values ('p1','c1','p1','grain','p','p','v','v','t','t')`,
      );
      await h.db.execute(
        sql`insert into variants (id, product_id, sku, label_zh, label_en, price_fen, stock) values ('v1','p1','S1','l','l',100,1)`,
      );
      await expect(h.db.execute(sql`update variants set stock = stock - 2 where id = 'v1'`)).rejects.toThrow();
      await expect(h.db.execute(sql`update variants set price_fen = 0 where id = 'v1'`)).rejects.toThrow();
    } finally {
      await h.close();
    }
  });
});
