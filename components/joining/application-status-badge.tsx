import type { ReactNode } from "react";
import type { ApplicationStatus } from "@/lib/joining/contract";
import { cn } from "@/components/ui/cn";

const tone: Record<ApplicationStatus, string> = {
  pending: "bg-rice-100 text-ink-700 ring-rice-200",
  approved: "bg-paddy-500/10 text-paddy-700 ring-paddy-500/30",
  rejected: "bg-persimmon-500/10 text-persimmon-600 ring-persimmon-500/30",
  withdrawn: "bg-white text-ink-500 ring-rice-200",
};

/** An application's status as a badge; the label arrives translated. */
export function ApplicationStatusBadge({ status, children }: { status: ApplicationStatus; children: ReactNode }) {
  return (
    <span
      className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1", tone[status])}
      data-testid="application-status"
      data-status={status}
    >
      {children}
    </span>
  );
}
