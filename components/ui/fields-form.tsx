"use client";

import type { ReactNode } from "react";
import { ActionForm, type FormAction } from "./action-form";
import { Button, type ButtonVariant } from "./button";
import { cn } from "./cn";
import { Field } from "./field";

export interface FormFieldSpec {
  name: string;
  label: ReactNode;
  defaultValue?: string;
  inputMode?: "decimal" | "text" | "numeric";
  maxLength?: number;
  required?: boolean;
  placeholder?: string;
  hint?: ReactNode;
}

/**
 * A small form of text fields and one submit button, its labels given by the page (so it needs no message
 * namespace in the browser): hidden values, fields with their errors, the action's note. Side by side on a wide
 * screen, stacked on a phone.
 */
export function FieldsForm({
  action,
  hidden = {},
  fields,
  submit,
  variant = "secondary",
  successNote,
  resetOnSuccess = true,
  testId,
  className,
}: {
  action: FormAction;
  hidden?: Record<string, string>;
  fields: FormFieldSpec[];
  submit: ReactNode;
  variant?: ButtonVariant;
  successNote?: ReactNode;
  resetOnSuccess?: boolean;
  testId?: string;
  className?: string;
}) {
  return (
    <ActionForm
      action={action}
      successNote={successNote}
      resetOnSuccess={resetOnSuccess}
      testId={testId}
      statusAt="bottom"
    >
      {(errors, pending) => (
        <div className={cn("flex flex-col gap-2 sm:flex-row sm:items-end", className)}>
          {Object.entries(hidden).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          {fields.map((f) => (
            <Field
              key={f.name}
              name={f.name}
              label={f.label}
              defaultValue={f.defaultValue}
              inputMode={f.inputMode}
              maxLength={f.maxLength}
              required={f.required}
              placeholder={f.placeholder}
              hint={f.hint}
              errors={errors?.[f.name]}
              className="sm:flex-1"
            />
          ))}
          <Button
            type="submit"
            variant={variant}
            disabled={pending}
            data-testid={testId ? `${testId}-submit` : undefined}
          >
            {submit}
          </Button>
        </div>
      )}
    </ActionForm>
  );
}
