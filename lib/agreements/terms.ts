import "server-only";
import { and, eq, gt, inArray, lt, lte, ne, or, sql } from "drizzle-orm";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { schema as s, type DbOrTx, type Tx } from "../db";
import { MAX_PERIOD_DAYS, MAX_RATE_BPS, type CarryingTerms } from "./contract";

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** A Shanghai calendar day's first instant. */
export const dayStart = (day: string): Date => new Date(`${day}T00:00:00+08:00`);
/** The Shanghai calendar day of an instant. */
export const shanghaiDay = (at: Date): string => new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

export interface NewTerms {
  rateBps: number;
  startsOn: string;
  endsOn: string;
  scope: "all" | "some";
  productIds: string[];
}

/**
 * The period as instants (startsAt at the first day's midnight, endsAt at the midnight after the last day) after
 * the checks no schema can make: the rate in range (the contract already converted it), a start not before today,
 * a period not longer than MAX_PERIOD_DAYS, and chosen products of that cooperative that are not archived.
 */
export async function checkTerms(
  db: DbOrTx,
  coopId: string,
  t: NewTerms,
  at: Date,
): Promise<{ startsAt: Date; endsAt: Date; productIds: string[] }> {
  if (!Number.isInteger(t.rateBps) || t.rateBps < 0 || t.rateBps > MAX_RATE_BPS)
    throw new AppError("VALIDATION", "rate out of range", { fields: { rate: ["rate_out_of_range"] } });
  const startsAt = dayStart(t.startsOn);
  const endsAt = new Date(dayStart(t.endsOn).getTime() + DAY_MS);
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime()) || endsAt <= startsAt)
    throw new AppError("VALIDATION", "bad period", { fields: { endsOn: ["end_before_start"] } });
  if (t.startsOn < shanghaiDay(at))
    throw new AppError("VALIDATION", "starts in the past", { fields: { startsOn: ["start_in_past"] } });
  if (endsAt.getTime() - startsAt.getTime() > MAX_PERIOD_DAYS * DAY_MS)
    throw new AppError("VALIDATION", "period too long", { fields: { endsOn: ["period_too_long"] } });
  if (t.scope === "all") return { startsAt, endsAt, productIds: [] };
  const found = await db
    .select({ id: s.products.id })
    .from(s.products)
    .where(and(inArray(s.products.id, t.productIds), eq(s.products.coopId, coopId), ne(s.products.status, "archived")));
  if (found.length !== t.productIds.length)
    throw new AppError("VALIDATION", "unknown product", { fields: { productIds: ["unknown_product"] } });
  return { startsAt, endsAt, productIds: t.productIds };
}

/**
 * Serializes every change to one streamer × cooperative pair (two proposals sent at once, a counter racing a
 * proposal): a transaction-scoped advisory lock, so the duplicate check below sees the other's commit.
 */
export async function lockPair(tx: Tx, streamerId: string, coopId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`agreement:${streamerId}:${coopId}`}))`);
}

/**
 * One open agreement per streamer × cooperative: a proposed or countered one, or an active one whose period
 * overlaps (and has not run out). CONFLICT names the field the person can change.
 */
export async function assertNoOpenAgreement(
  tx: Tx,
  pair: { streamerId: string; coopId: string; exceptId?: string },
  period: { startsAt: Date; endsAt: Date },
  at: Date,
  field: string,
): Promise<void> {
  const [clash] = await tx
    .select({ id: s.carryingAgreements.id })
    .from(s.carryingAgreements)
    .where(
      and(
        eq(s.carryingAgreements.streamerId, pair.streamerId),
        eq(s.carryingAgreements.coopId, pair.coopId),
        pair.exceptId ? ne(s.carryingAgreements.id, pair.exceptId) : undefined,
        or(
          inArray(s.carryingAgreements.status, ["proposed", "countered"]),
          and(
            eq(s.carryingAgreements.status, "active"),
            gt(s.carryingAgreements.endsAt, at),
            lt(s.carryingAgreements.startsAt, period.endsAt),
            gt(s.carryingAgreements.endsAt, period.startsAt),
          ),
        ),
      ),
    )
    .limit(1);
  if (clash)
    throw new AppError("CONFLICT", "an open agreement exists for this streamer and cooperative", {
      fields: { [field]: ["agreement_open"] },
    });
}

/**
 * The agreement under which the streamer carries each product at `at`: active, startsAt ≤ at < endsAt, covering
 * the product (all of its cooperative's products, or this one chosen). Products without one are missing from the map.
 */
export async function carryingTerms(
  db: DbOrTx,
  streamerId: string,
  productIds: string[],
  at: Date,
): Promise<Map<string, CarryingTerms>> {
  const out = new Map<string, CarryingTerms>();
  const ids = [...new Set(productIds)];
  if (!ids.length) return out;
  const rows = await db
    .select({
      productId: s.products.id,
      agreementId: s.carryingAgreements.id,
      coopId: s.carryingAgreements.coopId,
      rateBps: s.carryingAgreements.rateBps,
    })
    .from(s.products)
    .innerJoin(
      s.carryingAgreements,
      and(
        eq(s.carryingAgreements.coopId, s.products.coopId),
        eq(s.carryingAgreements.streamerId, streamerId),
        eq(s.carryingAgreements.status, "active"),
        lte(s.carryingAgreements.startsAt, at),
        gt(s.carryingAgreements.endsAt, at),
      ),
    )
    .where(
      and(
        inArray(s.products.id, ids),
        or(
          eq(s.carryingAgreements.allProducts, true),
          sql`exists (select 1 from carrying_agreement_products cap where cap.agreement_id = ${s.carryingAgreements.id} and cap.product_id = ${s.products.id})`,
        ),
      ),
    )
    .orderBy(s.carryingAgreements.startsAt);
  for (const r of rows)
    if (!out.has(r.productId))
      out.set(r.productId, { agreementId: r.agreementId, coopId: r.coopId, rateBps: r.rateBps });
  return out;
}

/**
 * Refuses (NOT_CARRIED, nothing written) unless every product is carried by the streamer at `at`; `field` names
 * the input field for the form. Returns the terms by product.
 */
export async function assertCarried(
  db: DbOrTx,
  streamerId: string,
  productIds: string[],
  at: Date,
  field: string,
): Promise<Map<string, CarryingTerms>> {
  const terms = await carryingTerms(db, streamerId, productIds, at);
  const missing = [...new Set(productIds)].filter((id) => !terms.has(id));
  if (missing.length) {
    const [p] = await db.select({ nameZh: s.products.nameZh }).from(s.products).where(eq(s.products.id, missing[0]!));
    throw new AppError("NOT_CARRIED", `not carried: ${missing.join(", ")}`, {
      fields: { [field]: ["not_carried"] },
      params: { name: p?.nameZh ?? missing[0]!, productId: missing[0]! },
    });
  }
  return terms;
}

/** Today in Shanghai by the server clock, and a day `n` days on: the propose form's defaults. */
export function shanghaiToday(): { day: string; plusDays: (n: number) => string } {
  const at = now();
  return { day: shanghaiDay(at), plusDays: (n) => shanghaiDay(new Date(at.getTime() + n * DAY_MS)) };
}
