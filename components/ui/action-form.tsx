"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent, type ReactNode } from "react";
import type { ActionResult } from "@/lib/auth/contract";
import { Notice } from "./notice";

/**
 * A server action as `useActionState` takes it: the previous result and the form's data in, a result out. Every
 * form, button and client component that is handed an action types it with this (`FormAction<{ number: string }>`
 * where the caller reads the data).
 */
export type FormAction<T = unknown> = (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;
type FieldErrors = Record<string, string[]> | undefined;

/**
 * Words for a failed action. Field problems of a refused change (a taken slug, stock that would go below zero)
 * say more than the generic text of their code; typing mistakes keep the generic "check the marked fields".
 */
export function failureText(state: Extract<ActionResult<unknown>, { ok: false }>): string {
  if (state.code === "VALIDATION" || !state.fields) return state.message;
  return [...new Set(Object.values(state.fields).flat())].join(" · ") || state.message;
}

/**
 * A form bound to a server action. It renders its fields through `children(fieldErrors, pending)`, shows the
 * action's error or success note above them, and keeps what was typed when the action fails (React would
 * otherwise clear the form after every action); `resetOnSuccess` clears it after a success instead.
 */
export function ActionForm({
  action,
  children,
  successNote,
  resetOnSuccess = false,
  statusAt = "top",
  className = "flex flex-col gap-3",
  testId,
}: {
  action: FormAction;
  children: (fields: FieldErrors, pending: boolean) => ReactNode;
  successNote?: ReactNode;
  resetOnSuccess?: boolean;
  /** Where the success or error note shows: "bottom" for long forms, beside the submit button people just pressed. */
  statusAt?: "top" | "bottom";
  className?: string;
  testId?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok && resetOnSuccess) form.current?.reset();
  }, [state, resetOnSuccess]);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  }
  const status = (
    <>
      {state && !state.ok ? <Notice tone="error">{failureText(state)}</Notice> : null}
      {state?.ok && successNote ? <Notice tone="success">{successNote}</Notice> : null}
    </>
  );
  return (
    <form ref={form} action={formAction} onSubmit={submit} className={className} data-testid={testId}>
      {statusAt === "top" ? status : null}
      {children(state && !state.ok ? state.fields : undefined, pending)}
      {statusAt === "bottom" ? status : null}
    </form>
  );
}
