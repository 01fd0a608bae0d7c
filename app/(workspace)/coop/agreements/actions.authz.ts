import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

const day = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
const coopB = ["coopB"] as const;

// The streamer's request went to coop B: only its members answer; coop A's members (and everyone else) get 404.
export const authz = {
  counterAgreementAction: {
    allow: coopB,
    input: (f) => ({ agreementId: f.agreementOfStreamer, rate: "8", startsOn: day(0), endsOn: day(20), scope: "all" }),
  },
  acceptAgreementAction: { allow: coopB, input: (f) => ({ agreementId: f.agreementOfStreamer }) },
  rejectAgreementAction: { allow: coopB, input: (f) => ({ agreementId: f.agreementOfStreamer }), destructive: true },
  endAgreementAction: { allow: coopB, input: (f) => ({ agreementId: f.agreementOfStreamer }), destructive: true },
} satisfies ActionsAuthz<typeof actions>;
