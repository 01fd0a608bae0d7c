import { getTranslations } from "next-intl/server";
import { requireWorkspacePage } from "@/lib/auth";
import { AdminNav, type AdminNavItem } from "./_components/admin-nav";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireWorkspacePage("admin");
  const t = await getTranslations("admin");
  const items: AdminNavItem[] = [
    { href: "/admin", label: t("navOverview"), id: "overview" },
    { href: "/admin/applications", label: t("navApplications"), id: "applications" },
    { href: "/admin/stations", label: t("stations"), id: "stations" },
    { href: "/admin/attention", label: t("navAttention"), id: "attention" },
    { href: "/admin/finance", label: t("navFinance"), id: "finance" },
    { href: "/admin/reports", label: t("navReports"), id: "reports" },
    { href: "/admin/audit", label: t("navAudit"), id: "audit" },
  ];
  return (
    <div className="flex flex-col gap-4">
      <AdminNav items={items} label={t("nav")} />
      {children}
    </div>
  );
}
