import { AppError } from "./errors";

/**
 * An explicit state machine: a table of allowed transitions. Every state change in the app goes
 * through `assert` (or the conditional UPDATE built from `from(to)`), so an illegal transition is refused
 * with INVALID_STATE before anything is written.
 */
export interface StateMachine<S extends string> {
  readonly name: string;
  readonly states: readonly S[];
  can(from: S, to: S): boolean;
  assert(from: S, to: S): void;
  /** The states from which `to` may be reached: for `UPDATE … WHERE status IN (…)`. */
  from(to: S): S[];
}

export function defineMachine<S extends string>(
  name: string,
  transitions: { readonly [K in S]: readonly S[] },
): StateMachine<S> {
  const states = Object.keys(transitions) as S[];
  return {
    name,
    states,
    can: (from, to) => transitions[from]?.includes(to) ?? false,
    assert(from, to) {
      if (!this.can(from, to)) {
        throw new AppError("INVALID_STATE", `${name}: cannot go from ${from} to ${to}`, {
          params: { from, to },
        });
      }
    },
    from: (to) => states.filter((s) => transitions[s].includes(to)),
  };
}
