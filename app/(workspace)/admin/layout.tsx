import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireWorkspacePage } from "@/lib/auth";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireWorkspacePage("admin");
  const t = await getTranslations("admin");
  return (
    <div className="flex flex-col gap-4">
      <nav className="flex gap-2 text-sm">
        <Link href="/admin" className="rounded-full bg-white px-3 py-1 ring-1 ring-rice-200">
          {t("users")}
        </Link>
        <Link
          href="/admin/stations"
          className="rounded-full bg-white px-3 py-1 ring-1 ring-rice-200"
          data-testid="admin-nav-stations"
        >
          {t("stations")}
        </Link>
      </nav>
      {children}
    </div>
  );
}
