import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { clientMessages } from "@/lib/i18n/messages";
import { SiteHeader } from "@/components/layout/site-header";
import { workspacesOf } from "@/lib/auth/contract";
import { cartCount } from "@/lib/orders";
import { unreadCount } from "@/lib/events";
import { cartOwner } from "./(shop)/cart/owner";
import { setLocaleAction, signOutAction } from "./_actions/session";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: { default: t("title"), template: `%s · ${t("title")}` }, description: t("description") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#2f7a40" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, t, tw, owner, h] = await Promise.all([
    getLocale(),
    getTranslations("nav"),
    getTranslations("workspace"),
    cartOwner(),
    headers(),
  ]);
  const viewer = owner.viewer;
  const path = h.get("x-pathname") ?? "/";
  // Streaming tools show /live/<id>/overlay as a transparent layer over the video: no header, no background.
  if (/^\/live\/[^/]+\/overlay/.test(path)) {
    return (
      <html lang={locale}>
        <body className="bg-transparent" style={{ background: "transparent" }}>
          <NextIntlClientProvider messages={clientMessages(locale)}>{children}</NextIntlClientProvider>
        </body>
      </html>
    );
  }
  const [count, unread] = await Promise.all([cartCount(owner), viewer ? unreadCount(viewer.userId) : 0]);
  return (
    <html lang={locale}>
      <body className="min-h-dvh">
        <NextIntlClientProvider messages={clientMessages(locale)}>
          <a href="#main" className="sr-only focus:not-sr-only">
            {t("skipToContent")}
          </a>
          <SiteHeader
            labels={{
              brand: t("brand"),
              products: t("products"),
              coops: t("coops"),
              groupBuys: t("groupBuys"),
              live: t("live"),
              stations: t("stations"),
              cart: t("cart"),
              orders: t("orders"),
              signIn: t("signIn"),
              signOut: t("signOut"),
              account: t("account"),
              accountMenu: t("accountMenu"),
              notifications: t("notifications"),
              language: t("language"),
              languageLabel: t("languageLabel"),
              workspaces: { coop: tw("coop"), streamer: tw("streamer"), station: tw("station"), admin: tw("admin") },
            }}
            viewerName={viewer?.name ?? null}
            workspaces={viewer ? workspacesOf(viewer.caps) : []}
            otherLocale={locale === "en" ? "zh-CN" : "en"}
            currentPath={h.get("x-pathname") ?? "/"}
            signOutAction={signOutAction}
            setLocaleAction={setLocaleAction}
            cartCount={count}
            unread={unread}
          />
          <main id="main" className="mx-auto flex max-w-6xl flex-col gap-6 px-3 py-4">
            {children}
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
