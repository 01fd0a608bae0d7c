import type { InputHTMLAttributes, ReactNode } from "react";

/** A labelled input with its field errors announced to screen readers. */
export function Field({
  label,
  name,
  errors,
  hint,
  children,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & {
  label: ReactNode;
  name: string;
  errors?: string[];
  hint?: ReactNode;
  children?: ReactNode;
}) {
  const id = `f-${name}`;
  const describedBy = errors?.length ? `${id}-err` : hint ? `${id}-hint` : undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-ink-700">
        {label}
      </label>
      {children ?? (
        <input
          id={id}
          name={name}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy}
          className="min-h-11 rounded-lg border border-rice-200 bg-white px-3 py-2 text-base aria-[invalid]:border-persimmon-500"
          {...input}
        />
      )}
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
