import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

const shanghai = (minutes: number) => new Date(Date.now() + minutes * 60_000 + 8 * 3600_000).toISOString().slice(0, 16);

export const authz = {
  createTeamDealAction: {
    allow: ["coopA"],
    input: (f) => ({
      variantId: f.variantA,
      teamPrice: "48",
      teamSize: "2",
      formingHours: "24",
      stockCap: "10",
      activeFrom: shanghai(-30),
      activeTo: shanghai(24 * 60),
    }),
  },
  endTeamDealAction: { allow: ["coopA"], input: (f) => ({ dealId: f.teamDealA }), destructive: true },
} satisfies ActionsAuthz<typeof actions>;
