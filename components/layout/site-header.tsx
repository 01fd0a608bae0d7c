import Link from "next/link";
import { cn } from "@/components/ui/cn";
import type { Workspace } from "@/lib/auth/contract";
import { AccountMenu } from "./account-menu";

export interface HeaderLabels {
  brand: string;
  products: string;
  coops: string;
  groupBuys: string;
  live: string;
  stations: string;
  cart: string;
  orders: string;
  signIn: string;
  signOut: string;
  account: string;
  accountMenu: string;
  notifications: string;
  language: string;
  languageLabel: string;
  workspaces: Record<Workspace, string>;
}

/** The site header: brand, channels, cart, and the person's menu. Works at 375 px (nav scrolls sideways). */
export function SiteHeader({
  labels,
  viewerName,
  workspaces,
  otherLocale,
  currentPath,
  signOutAction,
  setLocaleAction,
  cartCount,
  unread,
}: {
  labels: HeaderLabels;
  viewerName: string | null;
  workspaces: Workspace[];
  otherLocale: string;
  currentPath: string;
  signOutAction: () => Promise<void>;
  setLocaleAction: (form: FormData) => Promise<void>;
  cartCount: number;
  unread: number;
}) {
  return (
    <header className="no-print sticky top-0 z-20 border-b border-rice-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center gap-2 px-3 py-2">
        <Link href="/" className="shrink-0 text-lg font-bold text-paddy-700">
          {labels.brand}
        </Link>
        <div className="ml-auto flex items-center gap-1 text-sm">
          <form action={setLocaleAction}>
            <input type="hidden" name="locale" value={otherLocale} />
            <input type="hidden" name="back" value={currentPath} />
            {/* The accessible name starts with the visible label (WCAG 2.5.3), then says what it does. */}
            <button
              className="rounded px-2 py-1 text-ink-700 hover:bg-rice-100"
              aria-label={`${labels.language} · ${labels.languageLabel}`}
            >
              {labels.language}
            </button>
          </form>
          <Link href="/cart" className="rounded px-2 py-1 hover:bg-rice-100" data-testid="cart-link">
            {labels.cart}
            {cartCount > 0 ? (
              <span className="ml-1 rounded-full bg-persimmon-500 px-1.5 text-xs text-white" data-testid="cart-count">
                {cartCount}
              </span>
            ) : null}
          </Link>
          {viewerName ? (
            <>
              <Link
                href="/notifications"
                className="rounded px-2 py-1 hover:bg-rice-100"
                aria-label={labels.notifications}
                data-testid="notifications-link"
              >
                <svg
                  aria-hidden
                  viewBox="0 0 24 24"
                  width="18"
                  height="18"
                  className="inline-block align-[-3px]"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                >
                  <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
                  <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
                </svg>
                {unread > 0 ? (
                  <span
                    className="ml-0.5 rounded-full bg-persimmon-500 px-1.5 text-xs text-white"
                    data-testid="unread-count"
                  >
                    {unread}
                  </span>
                ) : null}
              </Link>
              <AccountMenu
                name={viewerName}
                labels={{
                  menu: labels.accountMenu,
                  orders: labels.orders,
                  account: labels.account,
                  signOut: labels.signOut,
                }}
                signOutAction={signOutAction}
              />
            </>
          ) : (
            <Link
              href="/login"
              className="rounded bg-paddy-600 px-3 py-1 text-white hover:bg-paddy-700"
              data-testid="sign-in-link"
            >
              {labels.signIn}
            </Link>
          )}
        </div>
      </div>
      <nav className="mx-auto flex max-w-6xl gap-1 overflow-x-auto px-3 pb-2 text-sm whitespace-nowrap">
        <NavLink href="/products">{labels.products}</NavLink>
        <NavLink href="/coops">{labels.coops}</NavLink>
        <NavLink href="/group-buys">{labels.groupBuys}</NavLink>
        <NavLink href="/live">{labels.live}</NavLink>
        <NavLink href="/stations">{labels.stations}</NavLink>
        {workspaces.map((ws) => (
          <NavLink key={ws} href={`/${ws}`} highlight testId={`ws-${ws}`}>
            {labels.workspaces[ws]}
          </NavLink>
        ))}
      </nav>
    </header>
  );
}

function NavLink({
  href,
  children,
  highlight,
  className,
  testId,
}: {
  href: string;
  children: React.ReactNode;
  highlight?: boolean;
  className?: string;
  testId?: string;
}) {
  return (
    <Link
      href={href}
      data-testid={testId}
      className={cn(
        "rounded-full px-3 py-1",
        highlight ? "bg-paddy-600/10 text-paddy-800" : "text-ink-700 hover:bg-rice-100",
        className,
      )}
    >
      {children}
    </Link>
  );
}
