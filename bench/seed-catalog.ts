/** Fills a PGlite data dir with the demo seed and 100 copies of every demo product (for bench/catalog.ts). */
import { applyMigrations, connectPglite } from "../lib/db/connect";
import { seedDemoOnce } from "../lib/db/seed/demo";
import { demoProducts } from "../lib/db/seed/demo-data";
import { createProduct } from "../lib/db/seed/factories";

const dir = process.argv[2];
if (!dir) throw new Error("usage: tsx bench/seed-catalog.ts <pglite dir>");
const h = await connectPglite(dir);
await applyMigrations(h);
await seedDemoOnce(h.db);
await h.db.transaction(async (tx) => {
  for (let copy = 1; copy <= 100; copy++) {
    for (const p of demoProducts) {
      const { variants, ...fields } = p;
      await createProduct(tx, {
        ...fields,
        slug: `${p.slug}-${copy}`,
        nameZh: `${p.nameZh} ${copy}号`,
        imagePath: `/images/products/${p.slug}.svg`,
        publishedAt: new Date(Date.UTC(2026, 9, 1, 0, copy)),
        variants: variants.map((v) => ({ ...v, sku: `${v.sku}-${copy}` })),
      });
    }
  }
});
await h.close();
console.log(`seeded ${demoProducts.length * 101} products into ${dir}`);
