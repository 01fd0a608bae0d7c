"use client";

import { useActionState, type ReactNode } from "react";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/auth/contract";

type Action = (prev: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;

/**
 * A form bound to a server action: renders its fields through `children(fieldErrors, pending)` and shows the
 * action's error or success note above them.
 */
export function ActionForm({
  action,
  children,
  success,
  className = "flex flex-col gap-3",
  testId,
}: {
  action: Action;
  children: (fields: Record<string, string[]> | undefined, pending: boolean) => ReactNode;
  success?: ReactNode;
  className?: string;
  testId?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className={className} data-testid={testId}>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      {state?.ok && success ? <Notice tone="success">{success}</Notice> : null}
      {children(state && !state.ok ? state.fields : undefined, pending)}
    </form>
  );
}
