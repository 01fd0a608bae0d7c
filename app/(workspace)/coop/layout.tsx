import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { requireWorkspacePage } from "@/lib/auth";
import { NavLinks, WorkspaceNav, type NavItem } from "./_components/workspace-nav";

export default async function CoopWorkspaceLayout({ children }: { children: React.ReactNode }) {
  await requireWorkspacePage("coop");
  const t = await getTranslations("coopWs");
  const items: NavItem[] = [
    { href: "/coop", label: t("products"), activeUnder: ["/coop/products"] },
    { href: "/coop/stock", label: t("stock"), activeUnder: ["/coop/stock"] },
    { href: "/coop/orders", label: t("orders"), activeUnder: ["/coop/orders"] },
    { href: "/coop/pick-lists", label: t("pickLists"), activeUnder: ["/coop/pick-lists"] },
    { href: "/coop/campaigns", label: t("campaigns"), activeUnder: ["/coop/campaigns"] },
    { href: "/coop/team-deals", label: t("teamDeals"), activeUnder: ["/coop/team-deals"] },
    { href: "/coop/agreements", label: t("agreements"), activeUnder: ["/coop/agreements"] },
    { href: "/coop/reports", label: t("reports"), activeUnder: ["/coop/reports"] },
    { href: "/coop/finance", label: t("finance"), activeUnder: ["/coop/finance"] },
    { href: "/coop/team", label: t("team"), activeUnder: ["/coop/team"] },
  ];
  return (
    <div className="flex flex-col gap-4">
      <Suspense fallback={<NavLinks items={items} label={t("nav")} />}>
        <WorkspaceNav items={items} label={t("nav")} />
      </Suspense>
      {children}
    </div>
  );
}
