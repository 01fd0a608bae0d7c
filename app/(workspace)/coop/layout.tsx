import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireWorkspacePage } from "@/lib/auth";

export default async function CoopLayout({ children }: { children: React.ReactNode }) {
  await requireWorkspacePage("coop");
  const t = await getTranslations("coopWs");
  return (
    <div className="flex flex-col gap-4">
      <nav className="no-print flex gap-2 overflow-x-auto text-sm whitespace-nowrap" aria-label={t("nav")}>
        <Link href="/coop" className="rounded-full bg-white px-3 py-1 ring-1 ring-rice-200">
          {t("products")}
        </Link>
        <Link href="/coop/orders" className="rounded-full bg-white px-3 py-1 ring-1 ring-rice-200" data-testid="coop-nav-orders">
          {t("orders")}
        </Link>
        <Link href="/coop/pick-lists" className="rounded-full bg-white px-3 py-1 ring-1 ring-rice-200" data-testid="coop-nav-pick-lists">
          {t("pickLists")}
        </Link>
        <Link href="/coop/campaigns" className="rounded-full bg-white px-3 py-1 ring-1 ring-rice-200" data-testid="coop-nav-campaigns">
          {t("campaigns")}
        </Link>
      </nav>
      {children}
    </div>
  );
}
