import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { formatFen } from "@/lib/core/money";
import { listOwnProducts, listViewerCoops } from "@/lib/catalog";
import { requireWorkspacePage } from "@/lib/auth";
import { pick, type Locale } from "@/lib/i18n/locales";

export default async function CoopWorkspacePage({ searchParams }: { searchParams: Promise<{ coop?: string }> }) {
  const viewer = await requireWorkspacePage("coop");
  const sp = await searchParams;
  const coops = await listViewerCoops(viewer);
  const coop = coops.find((c) => c.id === sp.coop) ?? coops[0]!;
  const [locale, t, products] = await Promise.all([getLocale() as Promise<Locale>, getTranslations("coopWs"), listOwnProducts(viewer, coop.id)]);
  return (
    <div className="flex flex-col gap-4" data-testid="workspace-coop">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-bold">{pick(locale, coop.nameZh, coop.nameEn)}</h1>
        <Link href={`/coop/products/new?coop=${coop.id}`} className={buttonClass("primary")} data-testid="new-product">
          {t("newProduct")}
        </Link>
      </div>
      {coops.length > 1 ? (
        <nav className="flex gap-2 text-sm">
          {coops.map((c) => (
            <Link key={c.id} href={`/coop?coop=${c.id}`} className={c.id === coop.id ? "font-semibold text-paddy-700" : "text-ink-700"}>
              {pick(locale, c.nameZh, c.nameEn)}
            </Link>
          ))}
        </nav>
      ) : null}
      <h2 className="font-semibold">{t("products")}</h2>
      <ul className="divide-y divide-rice-200 rounded-xl bg-white ring-1 ring-rice-200">
        {products.map((p) => (
          <li key={p.id}>
            <Link href={`/coop/products/${p.id}`} className="flex gap-3 p-3 text-sm hover:bg-rice-50" data-testid="coop-product-row">
              {/* eslint-disable-next-line @next/next/no-img-element -- local image */}
              <img src={p.imagePath ?? "/images/placeholder.svg"} alt="" width={48} height={48} className="size-12 shrink-0 rounded-lg bg-rice-100" />
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {pick(locale, p.nameZh, p.nameEn)} <span className="text-xs text-ink-500">{t(`status.${p.status}`)}</span>
                </p>
                <ul className="text-xs text-ink-700">
                  {p.variants.map((v) => (
                    <li key={v.id} className={v.status === "archived" ? "line-through" : ""}>
                      {pick(locale, v.labelZh, v.labelEn)} · {formatFen(v.priceFen, locale)} · {t("stock", { count: v.stock })}
                    </li>
                  ))}
                </ul>
              </div>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
