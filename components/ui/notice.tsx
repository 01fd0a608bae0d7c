import type { ReactNode } from "react";
import { clsx } from "clsx";

export function Notice({
  tone = "info",
  children,
  testId,
}: {
  tone?: "info" | "error" | "success";
  children: ReactNode;
  testId?: string;
}) {
  const cls =
    tone === "error"
      ? "bg-persimmon-500/10 text-persimmon-600 ring-persimmon-500/30"
      : tone === "success"
        ? "bg-paddy-500/10 text-paddy-700 ring-paddy-500/30"
        : "bg-rice-100 text-ink-700 ring-rice-200";
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={clsx("rounded-lg px-3 py-2 text-sm ring-1", cls)}
      data-testid={testId}
    >
      {children}
    </div>
  );
}
