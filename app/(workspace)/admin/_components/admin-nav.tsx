"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export interface AdminNavItem {
  href: string;
  label: string;
  /** The data-testid suffix: `admin-nav-<id>`. */
  id: string;
}

/** The admin tabs: one row that scrolls sideways on a phone, the current one marked for screen readers too. */
export function AdminNav({ items, label }: { items: AdminNavItem[]; label: string }) {
  const pathname = usePathname();
  const isActive = (href: string) =>
    href === "/admin" ? pathname === "/admin" : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label={label} className="-mx-1 flex gap-2 overflow-x-auto px-1 pb-1 text-sm">
      {items.map((item) => {
        const active = isActive(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "rounded-full px-4 py-2 whitespace-nowrap",
              active ? "bg-paddy-600 text-white" : "bg-white ring-1 ring-rice-200 hover:bg-rice-100",
            )}
            data-testid={`admin-nav-${item.id}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
