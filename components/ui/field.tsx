import { useId, type InputHTMLAttributes, type ReactNode } from "react";
import { cn } from "./cn";

/** What a control other than the default input (a select, a textarea) spreads on itself to be the field's control. */
export interface FieldControl {
  id: string;
  name: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/**
 * A labelled input with its hint and its field errors, both tied to it for screen readers. The id is unique per
 * instance, so the same form can appear many times on a page (one per variant). `className` is for the wrapper
 * (a grid span); every other prop goes to the input. For another control, pass `children` and spread what it is
 * given: `{(control) => <select {...control}>…</select>}`.
 */
export function Field({
  label,
  name,
  errors,
  hint,
  className,
  children,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, "children"> & {
  label: ReactNode;
  name: string;
  errors?: string[];
  hint?: ReactNode;
  children?: (control: FieldControl) => ReactNode;
}) {
  const id = useId();
  const invalid = errors?.length ? true : undefined;
  const control: FieldControl = {
    id,
    name,
    "aria-invalid": invalid,
    "aria-describedby": invalid ? `${id}-err` : hint ? `${id}-hint` : undefined,
  };
  return (
    <div className={cn("flex min-w-0 flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium text-ink-700">
        {label}
      </label>
      {children ? (
        children(control)
      ) : (
        <input
          {...control}
          className="min-h-11 w-full rounded-lg border border-rice-200 bg-white px-3 py-2 text-base aria-[invalid]:border-persimmon-500"
          {...input}
        />
      )}
      {hint && !invalid ? (
        <p id={`${id}-hint`} className="text-xs text-ink-500">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={`${id}-err`} role="alert" className="text-xs text-persimmon-600">
          {errors?.join(" · ")}
        </p>
      ) : null}
    </div>
  );
}
