import type { ButtonHTMLAttributes } from "react";
import { clsx, type ClassValue } from "clsx";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";

const base =
  "inline-flex min-h-10 items-center justify-center gap-1 rounded-lg px-4 py-2 text-sm font-medium transition";

const styles: Record<ButtonVariant, string> = {
  primary: "bg-paddy-600 text-white hover:bg-paddy-700 disabled:bg-paddy-600/50",
  secondary: "bg-white text-ink-900 ring-1 ring-rice-200 hover:bg-rice-100 disabled:opacity-50",
  danger: "bg-persimmon-600 text-white hover:bg-persimmon-500 disabled:opacity-50",
  ghost: "text-ink-700 hover:bg-rice-100 disabled:opacity-50",
};

/**
 * A button's classes, for a link or a label that looks like one. `extra` classes add to the defaults (placement:
 * `self-start`, `w-full`, `sm:ml-auto`…) and must not restate what they set: they are joined, not merged, so that a
 * page whose client components need only buttons does not ship tailwind-merge (~9 KB gzip) to the browser.
 */
export function buttonClass(variant: ButtonVariant = "primary", ...extra: ClassValue[]): string {
  return clsx(base, styles[variant], extra);
}

export function Button({
  variant = "primary",
  className,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button className={buttonClass(variant, className)} {...props} />;
}
