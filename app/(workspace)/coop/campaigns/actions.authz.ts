import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

const shanghai = (minutes: number) => new Date(Date.now() + minutes * 60_000 + 8 * 3600_000).toISOString().slice(0, 16);

// A cooperative's workspace: its members only (an admin without a membership has no coop workspace either).
export const authz = {
  createCampaignAction: {
    allow: ["coopA"],
    input: (f) => ({
      variantId: f.variantA,
      titleZh: "矩阵团购二",
      titleEn: "Matrix 2",
      price: "45",
      stockCap: "10",
      opensAt: shanghai(-30),
      closesAt: shanghai(600),
      pickupDay: shanghai(3 * 24 * 60).slice(0, 10),
      stations: "all",
    }),
  },
} satisfies ActionsAuthz<typeof actions>;
