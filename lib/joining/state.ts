import { defineMachine } from "../core/state-machine";
import type { ApplicationStatus } from "./contract";

/**
 * An application: pending until an admin approves or rejects it; a rejected one is corrected and resubmitted
 * (back to pending) or withdrawn; approved and withdrawn are final.
 */
export const applicationMachine = defineMachine<ApplicationStatus>("application", {
  pending: ["approved", "rejected", "withdrawn"],
  rejected: ["pending", "withdrawn"],
  approved: [],
  withdrawn: [],
});

/** What an approval created, as the admin sees it: active or suspended (a cooperative's "approved" is active). */
export const joinedMachine = defineMachine<"active" | "suspended">("joined", {
  active: ["suspended"],
  suspended: ["active"],
});
