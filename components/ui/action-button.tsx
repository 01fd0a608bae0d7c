"use client";

import { useActionState } from "react";
import type { FormAction } from "./action-form";
import { buttonClass, type ButtonVariant } from "./button";
import { cn } from "./cn";

/**
 * A one-button form for a server action with hidden fields: shows the pending state and the action's
 * error (or success note) right beside the button.
 */
export function ActionButton({
  action,
  fields,
  label,
  variant = "secondary",
  confirm,
  successNote,
  testId,
  className,
}: {
  action: FormAction;
  fields: Record<string, string | number>;
  label: React.ReactNode;
  variant?: ButtonVariant;
  confirm?: string;
  successNote?: React.ReactNode;
  testId?: string;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form
      action={formAction}
      className={cn("inline-flex flex-col items-start gap-1", className)}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" disabled={pending} className={buttonClass(variant)} data-testid={testId}>
        {label}
      </button>
      {state && !state.ok ? (
        <span role="alert" className="text-xs text-persimmon-600">
          {state.message}
        </span>
      ) : null}
      {state?.ok && successNote ? (
        <span role="status" className="text-xs text-paddy-700">
          {successNote}
        </span>
      ) : null}
    </form>
  );
}
