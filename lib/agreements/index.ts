import "server-only";
export { proposeAgreement } from "./propose-agreement";
export {
  acceptAgreement,
  rejectAgreement,
  withdrawAgreement,
  counterAgreement,
  endAgreement,
  type OnAgreementEnded,
  type StepResult,
} from "./answer-agreement";
export {
  listAgreements,
  getAgreement,
  listProposableCoops,
  listCarriedProducts,
  type ProposableCoopDto,
} from "./queries";
export { carryingTerms, assertCarried, shanghaiToday } from "./terms";
export { agreementMachine } from "./state";
