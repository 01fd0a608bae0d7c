import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/order/status-badge";
import { formatFen } from "@/lib/core/money";
import { requireViewerPage } from "@/lib/auth";
import { formatDay } from "@/lib/i18n/format-day";
import { pick } from "@/lib/i18n/locales";
import { lookup } from "@/lib/i18n/lookup";
import { listMyOrders } from "@/lib/orders";

export const generateMetadata = titled("orders");

export default async function OrdersPage() {
  const viewer = await requireViewerPage();
  const [locale, t, ts, format, orders] = await Promise.all([
    getLocale(),
    getTranslations("orders"),
    getTranslations("orderStatus"),
    getFormatter(),
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
                      {lookup(t, `channel.${o.channel}`)}
                    </span>
                  ) : null}
                  {o.number} · {format.dateTime(o.placedAt, "stamp")}
                </p>
                {o.deliveryDay ? (
                  <p className="text-xs text-paddy-700" data-testid="order-pickup-day">
                    {t("pickupFrom", { day: formatDay(o.deliveryDay, locale) })}
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
