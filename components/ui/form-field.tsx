"use client";

import { useId, type InputHTMLAttributes, type ReactNode } from "react";

/**
 * A labelled input with its field errors announced to screen readers. Unlike `Field`, its id is unique per
 * instance, so the same form can appear many times on a page (one per variant).
 */
export function FormField({
  label,
  name,
  errors,
  hint,
  className = "",
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; name: string; errors?: string[]; hint?: ReactNode }) {
  const id = useId();
  const describedBy = errors?.length ? `${id}-err` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`flex min-w-0 flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-ink-700">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        className="min-h-11 w-full rounded-lg border border-rice-200 bg-white px-3 py-2 text-base aria-[invalid]:border-persimmon-500"
        {...input}
      />
      {hint && !errors?.length ? (
        <p id={`${id}-hint`} className="text-xs text-ink-500">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-err`} role="alert" className="text-xs text-persimmon-600">
          {errors.join(" · ")}
        </p>
      ) : null}
    </div>
  );
}
