import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import { formatFen } from "@/lib/core/money";
import { requireWorkspacePage } from "@/lib/auth";
import { formatDay } from "@/lib/i18n/format-day";
import { pick } from "@/lib/i18n/locales";
import { lookup } from "@/lib/i18n/lookup";
import { listCashRefundsDue, listStationBatches, listStationOrders, type WaitingOrderDto } from "@/lib/orders";
import { getManagedStations } from "@/lib/stations";
import { localDate } from "@/lib/stations/contract";
import { serverNow } from "@/lib/system";
import { HandoverForm } from "./_components/handover-form";
import { HoursForm } from "./_components/hours-form";
import { handOverCashRefundAction, receiveBatchAction, redeemAction, updateHoursAction } from "./actions";

export const generateMetadata = titled("stationConsole");

export default async function StationConsolePage({
  searchParams,
}: {
  searchParams: Promise<{ station?: string; q?: string; order?: string }>;
}) {
  const viewer = await requireWorkspacePage("station");
  const sp = await searchParams;
  const stations = await getManagedStations(viewer);
  const station = stations.find((s) => s.id === sp.station) ?? stations[0]!;
  const today = localDate(serverNow(), station.timezone);
  const q = (sp.q ?? "").slice(0, 40);
  const [locale, t, ts, batches, orders, cashRefunds] = await Promise.all([
    getLocale(),
    getTranslations("stationConsole"),
    getTranslations("orderStatus"),
    listStationBatches(viewer, station.id, today),
    listStationOrders(viewer, station.id, q),
    listCashRefundsDue(viewer, station.id),
  ]);
  // An order picked from the list below: the code typed next is tried against it alone.
  const picked = orders.find((o) => o.number === sp.order && o.status === "ready_for_pickup");
  return (
    <div className="flex flex-col gap-6" data-testid="workspace-station">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-bold">{pick(locale, station.nameZh, station.nameEn)}</h1>
        <span className="flex items-baseline gap-3 text-sm">
          <span className="text-ink-500">{t("today", { day: today })}</span>
          <Link
            href={`/station/earnings?station=${encodeURIComponent(station.id)}`}
            className="text-paddy-700 underline"
            data-testid="station-nav-earnings"
          >
            {t("earningsLink")}
          </Link>
          <Link
            href={`/station/reports?station=${encodeURIComponent(station.id)}`}
            className="text-paddy-700 underline"
            data-testid="station-nav-reports"
          >
            {t("reportsLink")}
          </Link>
        </span>
      </div>
      {stations.length > 1 ? (
        <nav className="flex gap-2 text-sm">
          {stations.map((s) => (
            <Link
              key={s.id}
              href={`/station?station=${s.id}`}
              className={s.id === station.id ? "font-semibold text-paddy-700" : ""}
            >
              {pick(locale, s.nameZh, s.nameEn)}
            </Link>
          ))}
        </nav>
      ) : null}

      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200" id="handover">
        <h2 className="mb-2 font-semibold">{t("handoverTitle")}</h2>
        <HandoverForm
          key={picked?.number ?? ""}
          action={redeemAction}
          stationId={station.id}
          locale={locale}
          picked={picked ? { number: picked.number, label: `${picked.number} · ${picked.buyerName}` } : undefined}
        />
      </section>

      {cashRefunds.length ? (
        <section className="flex flex-col gap-2" data-testid="cash-refunds">
          <h2 className="font-semibold">{t("cashRefunds")}</h2>
          <p className="text-sm text-ink-700">{t("cashRefundsHint")}</p>
          <ul className="divide-y divide-rice-200 rounded-xl bg-white ring-1 ring-rice-200">
            {cashRefunds.map((r) => (
              <li
                key={r.refundId}
                className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm"
                data-testid="cash-refund"
              >
                <span>
                  {t("cashRefundLine", { number: r.number, name: r.buyerName, item: r.item })}
                  <span className="block text-xs text-ink-500">{r.reason}</span>
                </span>
                <ActionButton
                  action={handOverCashRefundAction}
                  fields={{ stationId: station.id, refundId: r.refundId }}
                  label={t("handBack", { amount: formatFen(r.amountFen, locale) })}
                  variant="primary"
                  confirm={t("handBackConfirm")}
                  successNote={t("handedBack", { amount: formatFen(r.amountFen, locale) })}
                  testId={`hand-back-${r.number}`}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="flex flex-col gap-2">
        <h2 className="font-semibold">{t("batches")}</h2>
        {batches.length === 0 ? <p className="text-sm text-ink-700">{t("noBatches")}</p> : null}
        <ul className="divide-y divide-rice-200 rounded-xl bg-white ring-1 ring-rice-200">
          {batches.map((b) => (
            <li
              key={b.id}
              className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm"
              data-testid="station-batch"
            >
              <div>
                <p className="font-medium">
                  {b.deliveryDay} · {pick(locale, b.coopNameZh, b.coopNameEn)}
                </p>
                <p className="text-xs text-ink-500">
                  {t("batchCounts", { orders: b.orders, units: b.units })} ·{" "}
                  <span data-testid="station-batch-status">{t(`batch.${b.status}`)}</span>
                </p>
              </div>
              {b.status === "dispatched" ? (
                <ActionButton
                  action={receiveBatchAction}
                  fields={{ batchId: b.id }}
                  label={t("receive")}
                  variant="primary"
                  testId="receive-batch"
                />
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section className="flex flex-col gap-2">
        <h2 className="font-semibold">{t("orders")}</h2>
        <form className="flex gap-2" role="search">
          <input type="hidden" name="station" value={station.id} />
          <input
            name="q"
            defaultValue={q}
            maxLength={40}
            placeholder={t("searchPlaceholder")}
            aria-label={t("search")}
            className="min-h-10 flex-1 rounded-lg border border-rice-200 px-3 text-sm"
          />
          <button className="rounded-lg bg-white px-3 text-sm ring-1 ring-rice-200">{t("search")}</button>
        </form>
        <OrderList
          testId="station-order"
          empty={t("noneWaiting")}
          orders={orders.filter((o) => o.status === "ready_for_pickup")}
          render={(o) => (
            <>
              <Link
                href={`/station?station=${station.id}&order=${o.number}#handover`}
                className="text-xs text-paddy-700 underline"
                data-testid="pick-for-handover"
              >
                {t("handOverThis")}
              </Link>
              <p className="text-xs">
                {o.paymentStatus === "paid" ? t("paid") : t("toCollect", { amount: formatFen(o.totalFen, locale) })}
              </p>
            </>
          )}
        />
      </section>

      <section className="flex flex-col gap-2">
        <h2 className="font-semibold">{t("onTheWay")}</h2>
        <OrderList
          testId="station-order-coming"
          empty={t("noneComing")}
          orders={orders.filter((o) => o.status !== "ready_for_pickup")}
          render={(o) => (
            <p className="text-xs text-ink-500">
              {o.deliveryDay ? t("arrives", { day: formatDay(o.deliveryDay, locale) }) : lookup(ts, o.status)}
            </p>
          )}
        />
      </section>

      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="mb-2 font-semibold">{t("hours")}</h2>
        <HoursForm action={updateHoursAction} station={station} />
      </section>
    </div>
  );
}

function OrderList({
  orders,
  render,
  testId,
  empty,
}: {
  orders: WaitingOrderDto[];
  render: (o: WaitingOrderDto) => React.ReactNode;
  testId: string;
  empty: string;
}) {
  if (orders.length === 0) return <p className="text-sm text-ink-700">{empty}</p>;
  return (
    <ul className="divide-y divide-rice-200 rounded-xl bg-white ring-1 ring-rice-200">
      {orders.map((o) => (
        <li key={o.number} className="flex flex-wrap justify-between gap-2 p-3 text-sm" data-testid={testId}>
          <div className="min-w-0">
            <p className="font-medium">
              {o.buyerName}{" "}
              <span className="text-xs text-ink-500">
                {o.buyerPhone ? `${o.buyerPhone.slice(0, 3)}****${o.buyerPhone.slice(-4)}` : ""}
              </span>
            </p>
            <p className="truncate text-xs text-ink-500">
              {o.number} · {o.items}
            </p>
          </div>
          <div className="text-right">{render(o)}</div>
        </li>
      ))}
    </ul>
  );
}
