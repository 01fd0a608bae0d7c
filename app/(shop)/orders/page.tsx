import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/order/status-badge";
import { formatFen } from "@/lib/core/money";
import { requireViewerPage } from "@/lib/auth";
import { pick, type Locale } from "@/lib/i18n/locales";
import { listMyOrders } from "@/lib/orders";
import { formatPickupDay } from "@/lib/stations/contract";

export const generateMetadata = titled("orders");

export default async function OrdersPage() {
  const viewer = await requireViewerPage();
  const [locale, t, ts, orders] = await Promise.all([
    getLocale() as Promise<Locale>,
    getTranslations("orders"),
    getTranslations("orderStatus"),
    listMyOrders(viewer),
  ]);
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      {orders.length === 0 ? <p className="text-ink-700">{t("none")}</p> : null}
      <ul className="flex flex-col gap-2">
        {orders.map((o) => (
          <li key={o.number}>
            <Link
              href={`/orders/${o.number}`}
              className="flex items-center gap-3 rounded-xl bg-white p-3 ring-1 ring-rice-200 hover:shadow-md"
              data-testid="order-row"
            >
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium">
                  {pick(locale, o.firstItemZh, o.firstItemEn)}
                  {o.itemCount > 1 ? (
                    <span className="text-ink-500"> {t("andMore", { count: o.itemCount })}</span>
                  ) : null}
                </p>
                <p className="text-xs text-ink-500">
                  {o.channel !== "shop" ? (
                    <span
                      className="mr-1 rounded bg-persimmon-500/10 px-1 text-persimmon-600"
                      data-testid="order-channel"
                    >
                      {t(`channel.${o.channel}`)}
                    </span>
                  ) : null}
                  {o.number} · {o.placedAt.toLocaleString(locale, { timeZone: "Asia/Shanghai" })}
                </p>
                {o.deliveryDay ? (
                  <p className="text-xs text-paddy-700" data-testid="order-pickup-day">
                    {t("pickupFrom", { day: formatPickupDay(o.deliveryDay, locale) })}
                  </p>
                ) : null}
              </div>
              <div className="flex flex-col items-end gap-1">
                <StatusBadge status={o.status} label={ts(o.status)} />
                <span className="text-sm font-semibold">{formatFen(o.totalFen, locale)}</span>
              </div>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
