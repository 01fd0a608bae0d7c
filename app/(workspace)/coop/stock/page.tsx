import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { requireWorkspacePage } from "@/lib/auth";
import { listOwnProducts, resolveWorkspaceCoop } from "@/lib/catalog";
import { pick } from "@/lib/i18n/locales";
import { CoopSwitcher } from "../_components/coop-switcher";
import { AdjustStockForm, ReceiveStockForm } from "../_components/stock-forms";
import { orNotFound } from "../_lib/or-not-found";
import { adjustStockAction, receiveStockAction } from "./actions";

export const generateMetadata = titled("coopStock");

export default async function CoopStockPage({ searchParams }: { searchParams: Promise<{ coop?: string }> }) {
  const viewer = await requireWorkspacePage("coop");
  const { current, coops } = await orNotFound(resolveWorkspaceCoop(viewer, (await searchParams).coop));
  const [locale, t, tw, products] = await Promise.all([
    getLocale(),
    getTranslations("coopCatalog"),
    getTranslations("coopWs"),
    listOwnProducts(viewer, current.id),
  ]);
  const rows = products
    .filter((p) => p.status !== "archived")
    .flatMap((p) => p.variants.filter((v) => v.status === "active").map((v) => ({ product: p, variant: v })));
  return (
    <div className="flex flex-col gap-4" data-testid="coop-stock">
      <h1 className="text-xl font-bold">
        {t("stock.title")} · {pick(locale, current.nameZh, current.nameEn)}
      </h1>
      <CoopSwitcher
        coops={coops}
        currentId={current.id}
        basePath="/coop/stock"
        label={tw("switchCoop")}
        locale={locale}
      />
      <p className="text-sm text-ink-700">{t("stock.hint")}</p>
      {rows.length === 0 ? <p className="text-sm text-ink-700">{t("stock.empty")}</p> : null}
      <ul className="flex flex-col gap-3">
        {rows.map(({ product: p, variant: v }) => (
          <li
            key={v.id}
            className="flex flex-col gap-3 rounded-xl bg-white p-4 ring-1 ring-rice-200"
            data-testid={`stock-row-${v.sku}`}
          >
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="font-medium break-words">{pick(locale, p.nameZh, p.nameEn)}</p>
                <p className="text-sm text-ink-700">
                  {pick(locale, v.labelZh, v.labelEn)} · <span className="text-ink-500">{v.sku}</span>
                </p>
              </div>
              <div className="text-right">
                <p className="text-xs text-ink-500">{t("stock.current")}</p>
                <p
                  className={cn("text-2xl font-bold tabular-nums", v.stock === 0 && "text-persimmon-600")}
                  data-testid={`stock-${v.sku}`}
                >
                  {v.stock}
                </p>
              </div>
            </div>
            <ReceiveStockForm action={receiveStockAction} variantId={v.id} testId={`receive-${v.sku}`} />
            <details className="rounded-lg bg-rice-50 p-3">
              <summary className="cursor-pointer text-sm text-paddy-700">{t("stock.adjustOpen")}</summary>
              <div className="mt-3">
                <AdjustStockForm action={adjustStockAction} variantId={v.id} testId={`adjust-${v.sku}`} />
              </div>
            </details>
            <Link
              href={`/coop/stock/${v.id}?coop=${encodeURIComponent(current.id)}`}
              className="self-start text-sm text-paddy-700 underline"
              data-testid={`history-${v.sku}`}
            >
              {t("stock.history")}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
