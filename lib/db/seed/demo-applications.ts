import * as s from "../schema";
import type { Tx } from "../types";
import { createUser } from "./factories";

/**
 * The joining demo: the seeded streamer's public profile (approval makes one; the seed's streamer predates
 * applications), and applicant@example.com with one pending cooperative application, so the admin's review
 * queue (/admin/applications) has something to approve or reject at once.
 */
export async function seedDemoApplications(tx: Tx, password: string) {
  await tx
    .insert(s.streamerProfiles)
    .values({
      userId: "usr_demo_streamer",
      displayName: "小柳主播",
      bio: "在大柳村田埂上直播的新农人,带你看湖墩大米从插秧到收割。",
      channelLinks: ["https://live.douyin.com/xiaoliu-demo"],
      interests: "嘉善大米、菜籽油、时令水果",
    })
    .onConflictDoNothing();
  await createUser(tx, {
    id: "usr_demo_applicant",
    email: "applicant@example.com",
    phone: "13800000006",
    name: "陆春生",
    password,
    emailVerifiedAt: new Date("2026-11-01T00:00:00Z"),
  });
  await tx.insert(s.applications).values({
    id: "app_demo_chunshan",
    userId: "usr_demo_applicant",
    kind: "coop",
    status: "pending",
    details: {
      legalName: "春山村茭白专业合作社",
      uscc: "93330421MA2B3C4D11",
      townZh: "姚庄镇",
      villageZh: "春山村",
      contactName: "陆春生",
      contactPhone: "13800000006",
      description: "春山村四十户农户的茭白和水生蔬菜合作社,每年五月和十月两季上市,想通过驿站卖给城里的邻居。",
      // The demo's documents are the site's own pictures; a real application carries its uploads.
      licence: "/images/coops/daliu-coop.svg",
      photos: ["/images/coops/yaozhuang-peach-coop.svg"],
      categories: ["vegetable"],
    },
  });
}
