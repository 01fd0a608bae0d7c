import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { formatFen } from "@/lib/core/money";
import { requireWorkspacePage } from "@/lib/auth";
import { listOwnProducts, resolveWorkspaceCoop } from "@/lib/catalog";
import { LOW_STOCK, type CoopProductDto } from "@/lib/catalog/contract";
import { coopOverview } from "@/lib/orders";
import { formatDay } from "@/lib/i18n/format-day";
import { pick, type Locale } from "@/lib/i18n/locales";
import { CoopSwitcher } from "./_components/coop-switcher";
import { ProductStatusBadge } from "./_components/product-status-badge";
import { orNotFound } from "./_lib/or-not-found";

export const generateMetadata = titled("coopProducts");

export default async function CoopProductsPage({ searchParams }: { searchParams: Promise<{ coop?: string }> }) {
  const viewer = await requireWorkspacePage("coop");
  const { current, coops } = await orNotFound(resolveWorkspaceCoop(viewer, (await searchParams).coop));
  const [locale, format, t, tw, to, products, overview] = await Promise.all([
    getLocale(),
    getFormatter(),
    getTranslations("coopCatalog"),
    getTranslations("coopWs"),
    getTranslations("coopOverview"),
    listOwnProducts(viewer, current.id),
    coopOverview(viewer, current.id),
  ]);
  const lowStock = products
    .filter((p) => p.status === "published")
    .flatMap((p) => p.variants.filter((v) => v.status === "active" && v.stock <= LOW_STOCK).map((v) => ({ p, v })));
  const q = `?coop=${encodeURIComponent(current.id)}`;
  return (
    <div className="flex flex-col gap-4" data-testid="workspace-coop">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-bold">{pick(locale, current.nameZh, current.nameEn)}</h1>
        <Link href={`/coop/products/new${q}`} className={buttonClass("primary")} data-testid="new-product">
          {t("list.newProduct")}
        </Link>
      </div>
      <CoopSwitcher coops={coops} currentId={current.id} basePath="/coop" label={tw("switchCoop")} locale={locale} />
      <section className="grid gap-2 sm:grid-cols-3" data-testid="coop-overview">
        <Link
          href={`/coop/orders${q}&status=placed`}
          className="rounded-xl bg-white p-3 ring-1 ring-rice-200 hover:shadow-md"
          data-testid="overview-to-confirm"
        >
          <p className="text-2xl font-bold text-persimmon-600">{overview.toConfirm}</p>
          <p className="text-sm text-ink-700">{to("toConfirm")}</p>
        </Link>
        <div className="rounded-xl bg-white p-3 ring-1 ring-rice-200" data-testid="overview-cutoff">
          {overview.nextCutoff ? (
            <Link href={`/coop/pick-lists/${overview.nextCutoff.day}${q}`} className="block hover:underline">
              <p className="font-semibold">
                {to("cutoffAt", {
                  time: format.dateTime(overview.nextCutoff.at, "time"),
                  day: formatDay(overview.nextCutoff.day, locale),
                })}
              </p>
              <p className="text-sm text-ink-700">
                {to("cutoffLoad", { stations: overview.nextCutoff.stations, orders: overview.nextCutoff.orders })}
              </p>
            </Link>
          ) : (
            <p className="text-sm text-ink-700">{to("noBatch")}</p>
          )}
        </div>
        <div className="rounded-xl bg-white p-3 ring-1 ring-rice-200" data-testid="overview-low-stock">
          <p className="font-semibold">{to("lowStock", { count: lowStock.length })}</p>
          <ul className="text-sm text-ink-700">
            {lowStock.slice(0, 4).map(({ p, v }) => (
              <li key={v.id}>
                <Link
                  href={`/coop/stock/${v.id}${q}`}
                  className={v.stock === 0 ? "text-persimmon-600 underline" : "underline"}
                >
                  {pick(locale, p.nameZh, p.nameEn)} {pick(locale, v.labelZh, v.labelEn)} ·{" "}
                  {t("variant.stock", { count: v.stock })}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      </section>
      <h2 className="font-semibold">{t("list.title")}</h2>
      {products.length === 0 ? <p className="text-sm text-ink-700">{t("list.empty")}</p> : null}
      <ul className="flex flex-col gap-2">
        {products.map((p) => (
          <ProductRow key={p.id} product={p} href={`/coop/products/${p.id}${q}`} locale={locale} t={t} />
        ))}
      </ul>
    </div>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"coopCatalog">>>;

function ProductRow({ product: p, href, locale, t }: { product: CoopProductDto; href: string; locale: Locale; t: T }) {
  const name = pick(locale, p.nameZh, p.nameEn);
  const onSale = p.variants.filter((v) => v.status === "active");
  return (
    <li className={cn("rounded-xl bg-white ring-1 ring-rice-200", p.status === "archived" && "opacity-60")}>
      <Link
        href={href}
        className="flex gap-3 p-3 hover:bg-rice-50"
        aria-label={t("list.edit", { name })}
        data-testid="coop-product-row"
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- our own uploads and placeholders */}
        <img
          src={p.imagePath ?? "/images/placeholder.svg"}
          alt=""
          width={56}
          height={56}
          className="size-14 shrink-0 rounded-lg bg-rice-100 object-cover"
        />
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <div className="flex items-start justify-between gap-2">
            <p className="min-w-0 font-medium break-words">{name}</p>
            <ProductStatusBadge status={p.status} label={t(`status.${p.status}`)} />
          </div>
          {onSale.length === 0 ? <p className="text-xs text-ink-500">{t("list.noVariants")}</p> : null}
          <ul className="flex flex-col text-xs text-ink-700">
            {onSale.map((v) => (
              <li key={v.id} className="flex flex-wrap gap-x-2">
                <span>{pick(locale, v.labelZh, v.labelEn)}</span>
                <span className="tabular-nums">{formatFen(v.priceFen, locale)}</span>
                <span className={v.stock === 0 ? "text-persimmon-600" : ""}>
                  {t("variant.stock", { count: v.stock })}
                </span>
              </li>
            ))}
          </ul>
        </div>
      </Link>
    </li>
  );
}
