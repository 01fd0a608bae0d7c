"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { cn } from "@/components/ui/cn";

export interface NavItem {
  href: string;
  label: string;
  /** The paths (and everything under them) where this tab is the current one, besides `href` itself. */
  activeUnder: string[];
}

const linkClass = (active: boolean) =>
  cn(
    "rounded-full px-4 py-2 whitespace-nowrap",
    active ? "bg-paddy-600 text-white" : "bg-white ring-1 ring-rice-200 hover:bg-rice-100",
  );

/** The workspace tabs. The chosen cooperative (`?coop=`) travels with every tab. */
export function WorkspaceNav({ items, label }: { items: NavItem[]; label: string }) {
  const pathname = usePathname();
  const coop = useSearchParams().get("coop");
  const isActive = (item: NavItem) =>
    pathname === item.href || item.activeUnder.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  return (
    <NavLinks items={items} label={label} isActive={isActive} query={coop ? `?coop=${encodeURIComponent(coop)}` : ""} />
  );
}

/** Plain tabs, for before the URL is known (the Suspense fallback). */
export function NavLinks({
  items,
  label,
  isActive = () => false,
  query = "",
}: {
  items: NavItem[];
  label: string;
  isActive?: (item: NavItem) => boolean;
  query?: string;
}) {
  return (
    <nav aria-label={label} className="-mx-1 flex gap-2 overflow-x-auto px-1 pb-1 text-sm">
      {items.map((item) => {
        const active = isActive(item);
        return (
          <Link
            key={item.href}
            href={`${item.href}${query}`}
            aria-current={active ? "page" : undefined}
            className={linkClass(active)}
            data-testid={`coop-nav-${item.href.split("/").pop()}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
