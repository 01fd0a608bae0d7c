import { defineMachine } from "../core/state-machine";
import type { TeamMemberStatus, TeamStatus } from "./team-contract";

/** A team forms until its Nth member joins (completed) or its deadline passes first (failed). */
export const teamMachine = defineMachine<TeamStatus>("team", {
  forming: ["completed", "failed"],
  completed: [],
  failed: [],
});

/**
 * A member holds a seat while paying online; paid, authorised or paying at pickup they are joined. A member
 * whose payment never came, or whose card could not be captured, is dropped (their order cancelled).
 */
export const teamMemberMachine = defineMachine<TeamMemberStatus>("team member", {
  pending_payment: ["joined", "dropped"],
  joined: ["dropped"],
  dropped: [],
});
