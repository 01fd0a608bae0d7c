import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "danger" | "ghost";

const styles: Record<Variant, string> = {
  primary: "bg-paddy-600 text-white hover:bg-paddy-700 disabled:bg-paddy-600/50",
  secondary: "bg-white text-ink-900 ring-1 ring-rice-200 hover:bg-rice-100 disabled:opacity-50",
  danger: "bg-persimmon-600 text-white hover:bg-persimmon-500 disabled:opacity-50",
  ghost: "text-ink-700 hover:bg-rice-100 disabled:opacity-50",
};

export function buttonClass(variant: Variant = "primary", extra = ""): string {
  return `inline-flex min-h-10 items-center justify-center gap-1 rounded-lg px-4 py-2 text-sm font-medium transition ${styles[variant]} ${extra}`;
}

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button className={buttonClass(variant, className)} {...props} />;
}
