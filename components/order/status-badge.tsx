import { cn } from "@/components/ui/cn";
import type { OrderStatus } from "@/lib/orders/contract";

const tone: Record<OrderStatus, string> = {
  awaiting_payment: "bg-persimmon-500/15 text-persimmon-600",
  placed: "bg-rice-100 text-ink-700",
  confirmed: "bg-paddy-500/10 text-paddy-700",
  dispatched: "bg-paddy-500/10 text-paddy-700",
  ready_for_pickup: "bg-persimmon-500/15 text-persimmon-600",
  out_for_delivery: "bg-persimmon-500/15 text-persimmon-600",
  completed: "bg-paddy-600 text-white",
  cancelled: "bg-ink-500/10 text-ink-500",
};

export function StatusBadge({ status, label }: { status: OrderStatus; label: string }) {
  return (
    <span
      className={cn("inline-block rounded-full px-2 py-0.5 text-xs font-medium", tone[status])}
      data-testid="order-status"
      data-status={status}
    >
      {label}
    </span>
  );
}
