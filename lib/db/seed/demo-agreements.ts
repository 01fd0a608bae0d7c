import * as s from "../schema";
import type { Tx } from "../types";

/**
 * 带货合作 for streamer@example.com: every product of the seeded bags and pins is carried. 大柳村丰产粮油合作社
 * (all its products, 10 %), 姚庄 (its yellow peaches and the can, 8 %) and 西塘 (八珍糕, 12 %), each from a month
 * before the seed (the replay session three days ago) to well after the scheduled session, accepted by the
 * cooperative.
 */
export async function seedDemoAgreements(tx: Tx) {
  const day = 86_400_000;
  const now = Date.now();
  const startsAt = new Date(now - 30 * day);
  const agreements = [
    {
      id: "agr_demo_daliu",
      coopId: "coop_daliu",
      rateBps: 1000,
      days: 365,
      productIds: null,
      acceptedBy: "usr_demo_coop",
    },
    {
      id: "agr_demo_yaozhuang",
      coopId: "coop_yaozhuang",
      rateBps: 800,
      days: 180,
      productIds: ["prd_yaozhuang_yellow_peach", "prd_yellow_peach_can"],
      acceptedBy: null,
    },
    {
      id: "agr_demo_xitang",
      coopId: "coop_xitang",
      rateBps: 1200,
      days: 120,
      productIds: ["prd_xitang_bazhengao"],
      acceptedBy: null,
    },
  ];
  for (const a of agreements) {
    const endsAt = new Date(now + a.days * day);
    const proposedAt = new Date(startsAt.getTime() - 2 * day);
    const acceptedAt = new Date(startsAt.getTime() - day);
    await tx.insert(s.carryingAgreements).values({
      id: a.id,
      streamerId: "usr_demo_streamer",
      coopId: a.coopId,
      status: "active",
      awaiting: null,
      allProducts: a.productIds === null,
      rateBps: a.rateBps,
      startsAt,
      endsAt,
      createdAt: proposedAt,
      updatedAt: acceptedAt,
    });
    if (a.productIds)
      await tx
        .insert(s.carryingAgreementProducts)
        .values(a.productIds.map((productId) => ({ agreementId: a.id, productId })));
    const terms = { rateBps: a.rateBps, startsAt, endsAt, productIds: a.productIds };
    await tx.insert(s.carryingAgreementEvents).values([
      {
        agreementId: a.id,
        actorId: "usr_demo_streamer",
        side: "streamer",
        action: "propose",
        ...terms,
        createdAt: proposedAt,
      },
      { agreementId: a.id, actorId: a.acceptedBy, side: "coop", action: "accept", ...terms, createdAt: acceptedAt },
    ]);
  }
}
