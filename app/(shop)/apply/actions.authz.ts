import { signedIn, type ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

// Past authorization every signed-in person reaches the contract; these inputs stop there (no licence document,
// an http link, a closing time before the opening), so the matrix files nothing.
export const authz = {
  applyCoopAction: {
    allow: signedIn,
    input: () => ({ legalName: "矩阵合作社", uscc: "93330421MA2B3C4D11", categories: "grain" }),
  },
  applyStreamerAction: {
    allow: signedIn,
    input: () => ({ displayName: "矩阵", bio: "矩阵", interests: "大米", channelLinks: "http://example.com" }),
  },
  applyStationAction: {
    allow: signedIn,
    input: () => ({
      shopName: "矩阵便利店",
      address: "矩阵路",
      town: "惠民街道",
      phone: "13800002222",
      lat: "30.87",
      lng: "120.97",
      opensAt: "20:00",
      closesAt: "08:00",
      dailyCapacity: "50",
    }),
  },
  // Only the applicant: everyone else's answer is 404.
  withdrawApplicationAction: {
    allow: ["buyer"],
    input: (f) => ({ applicationId: f.applicationOfBuyer }),
    destructive: true,
  },
} satisfies ActionsAuthz<typeof actions>;
