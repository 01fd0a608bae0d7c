import { eq } from "drizzle-orm";
import { newId, randomBase32 } from "../../core/ids";
import { hashPassword } from "../../core/password";
import { chinesePinyin, pinyinKeys } from "../../core/pinyin";
import * as s from "../schema";
import type { DbOrTx } from "../types";

/**
 * Row factories shared by the demo seed and the tests. Each writes rows directly, keeping the
 * invariants by construction (stock arrives through a `receive` movement).
 */
const hashCache = new Map<string, Promise<string>>();
const cachedHash = (password: string) => {
  let h = hashCache.get(password);
  if (!h) hashCache.set(password, (h = hashPassword(password)));
  return h;
};

type Membership = { kind: (typeof s.membershipKinds)[number]; scopeId?: string | null; role?: "owner" | "staff" };

export async function createUser(
  db: DbOrTx,
  input: {
    id?: string;
    email?: string | null;
    phone?: string | null;
    name?: string;
    password?: string;
    status?: "active" | "suspended";
    /** When the e-mail was verified; null (not yet) by default. */
    emailVerifiedAt?: Date | null;
    memberships?: Membership[];
  } = {},
) {
  const id = input.id ?? newId("usr");
  const email = input.email === undefined ? `${id}@test.local` : input.email;
  const [user] = await db
    .insert(s.users)
    .values({
      id,
      email: email?.toLowerCase() ?? null,
      phone: input.phone ?? null,
      name: input.name ?? "测试用户",
      passwordHash: await cachedHash(input.password ?? "demo-password"),
      status: input.status ?? "active",
      emailVerifiedAt: input.emailVerifiedAt ?? null,
    })
    .returning();
  for (const m of input.memberships ?? []) {
    await db.insert(s.memberships).values({
      id: newId("mem"),
      userId: id,
      kind: m.kind,
      scopeId: m.scopeId ?? null,
      role: m.kind === "coop" ? (m.role ?? "owner") : null,
    });
  }
  return user!;
}

export async function createCoop(db: DbOrTx, input: Partial<typeof s.cooperatives.$inferInsert> = {}) {
  const id = input.id ?? newId("coop");
  const [coop] = await db
    .insert(s.cooperatives)
    .values({
      slug: `coop-${randomBase32(8).toLowerCase()}`,
      nameZh: "测试合作社",
      nameEn: "Test Cooperative",
      villageZh: "测试村",
      villageEn: "Test Village",
      townZh: "惠民街道",
      townEn: "Huimin",
      status: "approved",
      ...input,
      id,
    })
    .returning();
  return coop!;
}

export interface VariantSeed {
  id?: string;
  sku?: string;
  labelZh?: string;
  labelEn?: string;
  priceFen: number;
  stock?: number;
  weightGrams?: number | null;
}

export async function createProduct(
  db: DbOrTx,
  input: Partial<typeof s.products.$inferInsert> & { coopId: string; variants?: VariantSeed[] },
) {
  const id = input.id ?? newId("prd");
  const { variants: variantSeeds = [{ priceFen: 1000, stock: 10 }], ...fields } = input;
  // Like the catalog's use cases: pinyin derived from the Chinese name unless given.
  const nameZh = fields.nameZh ?? "测试商品";
  const keys = pinyinKeys(nameZh);
  const [product] = await db
    .insert(s.products)
    .values({
      slug: `product-${randomBase32(8).toLowerCase()}`,
      category: "grain",
      nameZh,
      namePinyin: chinesePinyin(nameZh),
      pinyinSyllables: keys.syllables,
      pinyinInitials: keys.initials,
      nameEn: "Test product",
      originVillageZh: "测试村",
      originVillageEn: "Test Village",
      originTownZh: "惠民街道",
      originTownEn: "Huimin",
      status: "published",
      publishedAt: new Date(),
      ...fields,
      id,
    })
    .returning();
  const variants = [];
  for (const [i, v] of variantSeeds.entries())
    variants.push(await createVariant(db, { ...v, productId: id, position: i }));
  return { product: product!, variants };
}

export async function createVariant(db: DbOrTx, v: VariantSeed & { productId: string; position?: number }) {
  const id = v.id ?? newId("var");
  const [variant] = await db
    .insert(s.variants)
    .values({
      id,
      productId: v.productId,
      sku: v.sku ?? `SKU-${randomBase32(10)}`,
      labelZh: v.labelZh ?? "标准装",
      labelEn: v.labelEn ?? "Standard",
      priceFen: v.priceFen,
      stock: v.stock ?? 0,
      weightGrams: v.weightGrams ?? null,
      position: v.position ?? 0,
    })
    .returning();
  if (v.stock) {
    await db.insert(s.inventoryMovements).values({
      variantId: id,
      delta: v.stock,
      stockAfter: v.stock,
      reason: "receive",
      // No note: the ledger says "received" in the reader's language (a note is shown as typed).
      note: null,
    });
  }
  return variant!;
}

export async function createStation(db: DbOrTx, input: Partial<typeof s.stations.$inferInsert> = {}) {
  const id = input.id ?? newId("stn");
  const [station] = await db
    .insert(s.stations)
    .values({
      slug: `station-${randomBase32(8).toLowerCase()}`,
      nameZh: "测试驿站",
      nameEn: "Test Station",
      townZh: "惠民街道",
      townEn: "Huimin",
      addressZh: "测试路1号",
      addressEn: "1 Test Road",
      phone: "0573-84000000",
      lat: 30.87,
      lng: 120.95,
      ...input,
      id,
    })
    .returning();
  return station!;
}

/**
 * A carrying agreement (带货合作) with its products and one history event, as if already negotiated: active by
 * default, all of the cooperative's products, 10 %, from a day ago to a year from now.
 */
export async function createAgreement(
  db: DbOrTx,
  input: {
    id?: string;
    streamerId: string;
    coopId: string;
    status?: (typeof s.agreementStatuses)[number];
    rateBps?: number;
    startsAt?: Date;
    endsAt?: Date;
    /** Only these products; omitted: all of the cooperative's. */
    productIds?: string[];
  },
) {
  const id = input.id ?? newId("agr");
  const status = input.status ?? "active";
  const startsAt = input.startsAt ?? new Date(Date.now() - 86_400_000);
  const endsAt = input.endsAt ?? new Date(startsAt.getTime() + 366 * 86_400_000);
  const [agreement] = await db
    .insert(s.carryingAgreements)
    .values({
      id,
      streamerId: input.streamerId,
      coopId: input.coopId,
      status,
      awaiting: status === "proposed" ? "coop" : status === "countered" ? "streamer" : null,
      allProducts: !input.productIds,
      rateBps: input.rateBps ?? 1000,
      startsAt,
      endsAt,
      endedAt: status === "ended" ? new Date() : null,
    })
    .returning();
  if (input.productIds?.length)
    await db
      .insert(s.carryingAgreementProducts)
      .values(input.productIds.map((productId) => ({ agreementId: id, productId })));
  await db.insert(s.carryingAgreementEvents).values({
    agreementId: id,
    actorId: input.streamerId,
    side: "streamer",
    action: "propose",
    rateBps: input.rateBps ?? 1000,
    startsAt,
    endsAt,
    productIds: input.productIds ?? null,
  });
  return agreement!;
}

/** What an order line copies from its variant, product and cooperative when it is written (the seeds' orders). */
export async function lineSourceOf(db: DbOrTx, variantId: string) {
  const [v] = await db
    .select({
      priceFen: s.variants.priceFen,
      labelZh: s.variants.labelZh,
      labelEn: s.variants.labelEn,
      productId: s.products.id,
      nameZh: s.products.nameZh,
      nameEn: s.products.nameEn,
      coopId: s.cooperatives.id,
      coopNameZh: s.cooperatives.nameZh,
      coopNameEn: s.cooperatives.nameEn,
      platformFeeBps: s.cooperatives.platformFeeBps,
    })
    .from(s.variants)
    .innerJoin(s.products, eq(s.products.id, s.variants.productId))
    .innerJoin(s.cooperatives, eq(s.cooperatives.id, s.products.coopId))
    .where(eq(s.variants.id, variantId));
  if (!v) throw new Error(`no variant ${variantId}`);
  return v;
}
