import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

export type { ClassValue };

/**
 * One class string from strings, conditionals (`cond && "…"`, `{ "…": cond }`) and arrays. Where two Tailwind
 * classes set the same thing, the later one wins (`cn("px-4", "px-3")` is "px-3"), so a component's defaults
 * can be overridden by the `className` it is given. Template strings cannot do that: both classes stay and the
 * stylesheet's order picks one.
 */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
