import { defineMachine } from "../core/state-machine";
import type { AgreementStatus } from "./contract";

/**
 * 带货合作: proposed (the cooperative's answer is due) → countered (each counter hands the turn to the other side)
 * → active (accepted) → ended (either side). Rejected and withdrawn close a negotiation; nothing leaves the end states.
 */
export const agreementMachine = defineMachine<AgreementStatus>("carrying agreement", {
  proposed: ["countered", "active", "rejected", "withdrawn"],
  countered: ["countered", "active", "rejected", "withdrawn"],
  active: ["ended"],
  rejected: [],
  withdrawn: [],
  ended: [],
});
