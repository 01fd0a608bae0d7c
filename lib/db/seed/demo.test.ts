import { count, eq, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as s from "../schema";
import { createTestDb } from "../test-db";
import { rowsOf } from "../types";
import { createUser } from "./factories";
import { seedDemoOnce } from "./demo";
import { demoProducts } from "./demo-data";

describe("demo seed", () => {
  it("loads once into an empty database and is idempotent", async () => {
    const h = await createTestDb();
    try {
      expect(await seedDemoOnce(h.db)).toBe("seeded");
      const before = await counts(h.db);
      expect(await seedDemoOnce(h.db)).toBe("skipped");
      expect(await counts(h.db)).toEqual(before);
      expect(before.products).toBe(demoProducts.length);
      const [rice] = await h.db.select().from(s.products).where(eq(s.products.slug, "hudun-rice"));
      expect(rice?.nameZh).toBe("湖墩大米");
      const riceVariants = await h.db.select().from(s.variants).where(eq(s.variants.productId, rice!.id));
      expect(riceVariants.map((v) => v.labelZh).sort()).toEqual(["10kg 装", "5kg 装"]);
      // 拼团: a team deal on 湖墩大米 (team of 3) with one team forming, its member's order at the team price.
      const [team] = await h.db
        .select()
        .from(s.teams)
        .innerJoin(s.teamDeals, eq(s.teamDeals.id, s.teams.dealId))
        .where(eq(s.teams.status, "forming"));
      expect(team).toMatchObject({
        teams: { size: 3, seats: 1 },
        team_deals: { variantId: "var_hudun_5kg", teamSize: 3, committed: 1 },
      });
      const members = await h.db
        .select()
        .from(s.teamMembers)
        .innerJoin(s.orders, eq(s.orders.id, s.teamMembers.orderId))
        .where(eq(s.teamMembers.teamId, team!.teams.id));
      expect(members.map((m) => [m.orders.channel, m.orders.status, m.orders.totalFen])).toEqual([
        ["team", "placed", 5990],
      ]);
      for (const email of [
        "buyer@example.com",
        "coop@example.com",
        "streamer@example.com",
        "station@example.com",
        "admin@example.com",
      ]) {
        const [u] = await h.db.select().from(s.users).where(eq(s.users.email, email));
        expect(u, email).toBeTruthy();
      }
    } finally {
      await h.close();
    }
  });

  it("does not load into a database that already has people in it", async () => {
    const h = await createTestDb();
    try {
      await createUser(h.db, { email: "someone@example.com" });
      expect(await seedDemoOnce(h.db)).toBe("skipped");
      const [row] = await h.db.select({ n: count() }).from(s.products);
      expect(row!.n).toBe(0);
    } finally {
      await h.close();
    }
  });

  it("keeps the stock invariant: every variant's movements sum to its stock", async () => {
    const h = await createTestDb();
    try {
      await seedDemoOnce(h.db);
      const bad = await rowsOf(
        h.db.execute(sql`
        select v.id from variants v
        left join inventory_movements m on m.variant_id = v.id
        group by v.id, v.stock having coalesce(sum(m.delta), 0) <> v.stock`),
      );
      expect(bad).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

async function counts(db: Awaited<ReturnType<typeof createTestDb>>["db"]) {
  const n = async (t: PgTable) => (await db.select({ n: count() }).from(t))[0]!.n;
  return {
    users: await n(s.users),
    products: await n(s.products),
    stations: await n(s.stations),
    variants: await n(s.variants),
  };
}
