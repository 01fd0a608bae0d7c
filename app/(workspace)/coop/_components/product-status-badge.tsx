import { cn } from "@/components/ui/cn";
import type { ProductStatus } from "@/lib/catalog/contract";

const tone: Record<ProductStatus, string> = {
  draft: "bg-rice-100 text-ink-700",
  published: "bg-paddy-500/15 text-paddy-700",
  archived: "bg-ink-900/10 text-ink-500",
};

export function ProductStatusBadge({ status, label }: { status: ProductStatus; label: string }) {
  return (
    <span
      className={cn("shrink-0 rounded-full px-2 py-0.5 text-xs font-medium", tone[status])}
      data-testid="product-status"
    >
      {label}
    </span>
  );
}
