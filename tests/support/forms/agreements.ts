// The agreement use cases as the workspaces' actions reach them: the form's fields parsed by the contract first
// (a ZodError rejects where the transport answers VALIDATION). The side is the workspace the action lives in.
import type { Viewer } from "../../../lib/auth/contract";
import * as c from "../../../lib/agreements/contract";
import * as answer from "../../../lib/agreements/answer-agreement";
import * as propose from "../../../lib/agreements/propose-agreement";
import { releaseUncarried } from "../../../lib/live/release-uncarried";

type Side = "streamer" | "coop";

export const proposeAgreement = (viewer: Viewer | null, raw: unknown) =>
  propose.proposeAgreement(viewer, c.proposeAgreementInput.parse(raw));
export const counterAgreement = (viewer: Viewer | null, side: Side, raw: unknown) =>
  answer.counterAgreement(viewer, side, c.counterAgreementInput.parse(raw));
export const acceptAgreement = (viewer: Viewer | null, side: Side, raw: unknown) =>
  answer.acceptAgreement(viewer, side, c.answerAgreementInput.parse(raw));
export const rejectAgreement = (viewer: Viewer | null, side: Side, raw: unknown) =>
  answer.rejectAgreement(viewer, side, c.answerAgreementInput.parse(raw));
export const withdrawAgreement = (viewer: Viewer | null, raw: unknown) =>
  answer.withdrawAgreement(viewer, c.answerAgreementInput.parse(raw));
/** As the workspaces' end actions do it: with lib/live's handler for the sessions. */
export const endAgreement = (viewer: Viewer | null, side: Side, raw: unknown) =>
  answer.endAgreement(viewer, side, c.answerAgreementInput.parse(raw), releaseUncarried);
