import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

const station = (slug: string) => ({
  slug,
  nameZh: "矩阵驿站",
  nameEn: "Matrix Station",
  townZh: "惠民街道",
  townEn: "Huimin",
  addressZh: "嘉善县惠民街道",
  addressEn: "Huimin, Jiashan",
  phone: "0573-84600000",
  opensAt: "08:00",
  closesAt: "20:00",
  cutoffTime: "22:00",
  lat: "30.87",
  lng: "120.97",
  pickupExpiryDays: "3",
});

export const authz = {
  createStationAction: { allow: ["admin"], input: () => station(`matrix-${Math.random().toString(36).slice(2, 8)}`) },
  updateStationAction: { allow: ["admin"], input: (f) => ({ stationId: f.stationS2, ...station("xitang-matrix") }) },
  setStationStatusAction: { allow: ["admin"], input: (f) => ({ stationId: f.stationS2, status: "active" }) },
  assignManagerAction: { allow: ["admin"], input: (f) => ({ email: f.spareEmail, scopeId: f.stationS1 }) },
  removeManagerAction: { allow: ["admin"], input: (f) => ({ id: f.spareMembership }), destructive: true },
} satisfies ActionsAuthz<typeof actions>;
