import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

const day = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
const own = ["streamer"] as const;
const terms = () => ({ rate: "12.5", startsOn: day(0), endsOn: day(20), scope: "all" });

// A streamer's own agreements: another streamer is told they do not exist. Steps the state no longer allows
// (the cooperative's turn, already answered) are INVALID_STATE — past authorization.
export const authz = {
  proposeAgreementAction: { allow: ["streamer", "streamer2"], input: () => ({ coopId: "coop_pinghu", ...terms() }) },
  counterAgreementAction: { allow: own, input: (f) => ({ agreementId: f.agreementOfStreamer, ...terms() }) },
  acceptAgreementAction: { allow: own, input: (f) => ({ agreementId: f.agreementOfStreamer }) },
  rejectAgreementAction: { allow: own, input: (f) => ({ agreementId: f.agreementOfStreamer }), destructive: true },
  withdrawAgreementAction: { allow: own, input: (f) => ({ agreementId: f.agreementOfStreamer }), destructive: true },
  endAgreementAction: { allow: own, input: (f) => ({ agreementId: f.agreementOfStreamer }), destructive: true },
} satisfies ActionsAuthz<typeof actions>;
