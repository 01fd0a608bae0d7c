import { count, eq, sql } from "drizzle-orm";
import * as s from "../schema";
import type { Db, Tx } from "../types";
import { createCoop, createProduct, createStation, createUser } from "./factories";
import { seedDemoAgreements } from "./demo-agreements";
import { seedDemoApplications } from "./demo-applications";
import { seedDemoAttention } from "./demo-attention";
import { seedDemoFinance } from "./demo-finance";
import { seedDemoLive } from "./demo-live";
import { seedDemoPickups } from "./demo-pickups";
import { seedDemoTeams } from "./demo-teams";
import { DEMO_PASSWORD, demoCoops, demoProducts, demoStations, demoUsers } from "./demo-data";

const SEED_KEY = "demo_seed";
const SEED_LOCK = 7_274_2027;

/** Loads the demo data once: only into an empty database, and never again once it has run. */
export async function seedDemoOnce(db: Db): Promise<"seeded" | "skipped"> {
  return db.transaction(async (tx) => {
    // Two instances starting at once on one PostgreSQL: the second waits here, then sees the marker.
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const [marker] = await tx.select().from(s.appMeta).where(eq(s.appMeta.key, SEED_KEY));
    if (marker) return "skipped";
    const [users] = await tx.select({ n: count() }).from(s.users);
    const [coops] = await tx.select({ n: count() }).from(s.cooperatives);
    if ((users?.n ?? 0) > 0 || (coops?.n ?? 0) > 0) return "skipped";

    for (const c of demoCoops)
      await createCoop(tx, { ...c, status: "approved", imagePath: `/images/coops/${c.slug}.svg` });
    for (const st of demoStations) await createStation(tx, { ...st });
    for (const p of demoProducts) {
      const { variants, ...fields } = p;
      await createProduct(tx, {
        ...fields,
        id: `prd_${p.slug.replaceAll("-", "_")}`,
        imagePath: `/images/products/${p.slug}.svg`,
        status: "published",
        publishedAt: new Date("2026-11-01T00:00:00Z"),
        variants: variants.map((v) => ({ ...v, id: `var_${v.sku.toLowerCase().replaceAll("-", "_")}` })),
      });
    }
    for (const u of demoUsers) {
      // The demo accounts count as verified, as the accounts made before verification existed do (migration 0012).
      await createUser(tx, {
        ...u,
        password: DEMO_PASSWORD,
        emailVerifiedAt: new Date("2026-11-01T00:00:00Z"),
        memberships: u.memberships.map((m) => ({ ...m })),
      });
    }
    await seedDemoCampaign(tx);
    await seedDemoTeams(tx);
    await seedDemoPickups(tx);
    await seedDemoAttention(tx);
    await seedDemoAgreements(tx);
    await seedDemoLive(tx);
    await seedDemoFinance(tx);
    await seedDemoApplications(tx, DEMO_PASSWORD);
    await tx.insert(s.appMeta).values({ key: SEED_KEY, value: { at: new Date().toISOString() } });
    return "seeded";
  });
}

/** One open 社区团购 campaign on 湖墩大米, relative to when the seed runs, so the home page shows one. */
async function seedDemoCampaign(tx: Tx) {
  const day = 86_400_000;
  const start = Date.now();
  const closes = new Date(start + 3 * day);
  const pickup = new Date(closes.getTime() + 2 * day).toISOString().slice(0, 10);
  await tx.insert(s.campaigns).values({
    id: "cmp_demo_hudun",
    coopId: "coop_daliu",
    variantId: "var_hudun_5kg",
    titleZh: "湖墩新米社区团购 · 5kg 装",
    titleEn: "Hudun new-crop rice group buy · 5 kg",
    priceFen: 5990,
    stockCap: 200,
    minTotalQuantity: 20,
    opensAt: new Date(start - day),
    closesAt: closes,
    pickupDay: pickup,
    allStations: true,
  });
}
