"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * The signed-in person's menu: their orders, account and sign-out in one place that fits a phone's top bar
 * (a sideways nav hid the first two off-screen while 退出 sat in plain view). Closes when the page changes.
 */
export function AccountMenu({
  name,
  labels,
  signOutAction,
}: {
  name: string;
  labels: { menu: string; orders: string; account: string; signOut: string };
  signOutAction: () => Promise<void>;
}) {
  const menu = useRef<HTMLDetailsElement>(null);
  const path = usePathname();
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [path]);
  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (menu.current?.open && !menu.current.contains(e.target as Node)) menu.current.open = false;
    };
    document.addEventListener("click", close);
    return () => document.removeEventListener("click", close);
  }, []);
  return (
    <details ref={menu} className="relative" data-testid="account-menu">
      <summary
        className="flex cursor-pointer list-none items-center gap-1 rounded px-2 py-1 hover:bg-rice-100"
        aria-label={`${labels.menu}: ${name}`}
      >
        <span className="max-w-24 truncate" data-testid="viewer-name">
          {name}
        </span>
        <span aria-hidden>▾</span>
      </summary>
      <div className="absolute right-0 z-30 mt-1 flex w-40 flex-col rounded-lg bg-white py-1 text-sm shadow-lg ring-1 ring-rice-200">
        <Link href="/orders" className="px-3 py-2 hover:bg-rice-100" data-testid="menu-orders">
          {labels.orders}
        </Link>
        <Link href="/account" className="px-3 py-2 hover:bg-rice-100" data-testid="menu-account">
          {labels.account}
        </Link>
        <form action={signOutAction} className="border-t border-rice-200">
          <button className="w-full px-3 py-2 text-left text-ink-700 hover:bg-rice-100" data-testid="sign-out">
            {labels.signOut}
          </button>
        </form>
      </div>
    </details>
  );
}
