import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/order/status-badge";
import { ActionButton } from "@/components/ui/action-button";
import { cn } from "@/components/ui/cn";
import { formatFen } from "@/lib/core/money";
import { requireWorkspacePage } from "@/lib/auth";
import { formatDay } from "@/lib/i18n/format-day";
import { pick, type Locale } from "@/lib/i18n/locales";
import { listCoopOrders, type CoopOrderDto } from "@/lib/orders";
import { lineStatuses, type LineStatus } from "@/lib/orders/contract";
import { randomUUID } from "node:crypto";
import { FieldsForm } from "@/components/ui/fields-form";
import { coopLineAction, refundLineAction } from "./actions";

export const generateMetadata = titled("coopOrders");

export default async function CoopOrdersPage({
  searchParams,
}: {
  searchParams: Promise<{ coop?: string; status?: string }>;
}) {
  const viewer = await requireWorkspacePage("coop");
  const sp = await searchParams;
  const coopId = sp.coop ?? viewer.caps.coopIds[0]!;
  if (!viewer.caps.coopIds.includes(coopId)) notFound();
  const status = (lineStatuses as readonly string[]).includes(sp.status ?? "") ? (sp.status as LineStatus) : undefined;
  const [locale, format, t, ts, orders] = await Promise.all([
    getLocale(),
    getFormatter(),
    getTranslations("coopOrders"),
    getTranslations("orderStatus"),
    listCoopOrders(viewer, coopId, status),
  ]);
  const q = (s?: string) => `/coop/orders?coop=${coopId}${s ? `&status=${s}` : ""}`;
  return (
    <div className="flex flex-col gap-4" data-testid="coop-orders">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-bold">{t("title")}</h1>
        <a
          href={`/coop/orders/export?coop=${coopId}${status ? `&status=${status}` : ""}`}
          className="text-sm text-paddy-700 underline"
          data-testid="export-csv"
        >
          {t("exportCsv")}
        </a>
      </div>
      <nav className="flex gap-1 overflow-x-auto text-sm">
        <Tab href={q()} active={!status}>
          {t("all")}
        </Tab>
        {lineStatuses.map((s) => (
          <Tab key={s} href={q(s)} active={status === s}>
            {ts(`line.${s}`)}
          </Tab>
        ))}
      </nav>
      {orders.length === 0 ? <p className="text-ink-700">{t("none")}</p> : null}
      <ul className="flex flex-col gap-3">
        {orders.map((o) => (
          <CoopOrderCard key={o.number} order={o} coopId={coopId} locale={locale} format={format} t={t} ts={ts} />
        ))}
      </ul>
    </div>
  );
}

function Tab({ href, active, children }: { href: string; active: boolean; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      className={cn(
        "rounded-full px-3 py-1 whitespace-nowrap",
        active ? "bg-paddy-600 text-white" : "bg-white ring-1 ring-rice-200",
      )}
    >
      {children}
    </Link>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"coopOrders">>>;
type TStatus = Awaited<ReturnType<typeof getTranslations<"orderStatus">>>;
type Format = Awaited<ReturnType<typeof getFormatter>>;

function CoopOrderCard({
  order: o,
  coopId,
  locale,
  format,
  t,
  ts,
}: {
  order: CoopOrderDto;
  coopId: string;
  locale: Locale;
  format: Format;
  t: T;
  ts: TStatus;
}) {
  const live = o.lines.filter((l) => l.status !== "cancelled");
  const has = (s: LineStatus) => live.some((l) => l.status === s);
  const act = (
    action: string,
    label: string,
    variant: "primary" | "secondary" | "danger" = "secondary",
    confirm?: string,
  ) => (
    <ActionButton
      action={coopLineAction}
      fields={{ number: o.number, coopId, action }}
      label={label}
      variant={variant}
      confirm={confirm}
      testId={`${action}-${o.number}`}
    />
  );
  return (
    <li className="rounded-xl bg-white p-3 ring-1 ring-rice-200" data-testid="coop-order">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-mono text-sm font-medium">{o.number}</p>
        <StatusBadge status={o.status} label={ts(o.status)} />
      </div>
      <p className="text-xs text-ink-500">
        {format.dateTime(o.placedAt, "short")} · {o.buyerName} ·{" "}
        {o.fulfillment === "pickup" ? pick(locale, o.stationNameZh ?? "", o.stationNameEn ?? "") : t("homeDelivery")}
      </p>
      {o.deliveryAddress ? (
        <p className="text-xs text-ink-700">
          {o.deliveryAddress.recipient} {o.deliveryAddress.phone} · {o.deliveryAddress.region} {o.deliveryAddress.line}
        </p>
      ) : null}
      <ul className="my-2 text-sm">
        {o.lines.map((l) => (
          <li
            key={l.id}
            className={cn("flex justify-between gap-2", l.status === "cancelled" && "text-ink-500 line-through")}
          >
            <span>
              {pick(locale, l.productNameZh, l.productNameEn)} · {pick(locale, l.variantLabelZh, l.variantLabelEn)} ×{" "}
              {l.quantity}
            </span>
            <span className="shrink-0">
              {formatFen(l.lineTotalFen, locale)} · {ts(`line.${l.status}`)}
            </span>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        {o.teamForming ? (
          <span className="text-xs text-ink-500" data-testid={`team-forming-${o.number}`}>
            {t("teamForming")}
          </span>
        ) : (
          <>
            {has("placed") ? act("confirm", t("confirm"), "primary") : null}
            {has("confirmed") && o.fulfillment === "delivery" ? act("dispatch", t("dispatch"), "primary") : null}
            {has("confirmed") && o.fulfillment === "pickup" && o.deliveryDay ? (
              <Link
                href={`/coop/pick-lists/${o.deliveryDay}`}
                className="self-center text-xs text-paddy-700 underline"
                data-testid={`leaves-with-batch-${o.number}`}
              >
                {t("leavesWithBatch", { day: formatDay(o.deliveryDay, locale) })}
              </Link>
            ) : null}
            {has("placed") || has("confirmed") ? act("cancel", t("cancelLines"), "danger", t("cancelConfirm")) : null}
          </>
        )}
        {o.fulfillment === "delivery" && o.status === "dispatched"
          ? act("out_for_delivery", t("outForDelivery"))
          : null}
        {o.fulfillment === "delivery" && o.status === "out_for_delivery"
          ? act("delivered", t("delivered"), "primary")
          : null}
      </div>
      {o.status === "completed" && live.length ? (
        <details className="mt-2 rounded-lg bg-rice-50 p-2 text-sm" data-testid={`refund-${o.number}`}>
          <summary className="cursor-pointer text-paddy-700">{t("refund.open")}</summary>
          <p className="my-1 text-xs text-ink-500">
            {o.paymentMethod === "online"
              ? t("refund.viaStripe")
              : o.fulfillment === "pickup"
                ? t("refund.cashAtStation")
                : t("refund.cashByCoop")}
          </p>
          <ul className="flex flex-col gap-3">
            {live.map((l) => {
              const left = l.lineTotalFen - l.refundedFen;
              return (
                <li key={l.id} className="flex flex-col gap-1">
                  <p className="font-medium">
                    {pick(locale, l.productNameZh, l.productNameEn)} ·{" "}
                    {pick(locale, l.variantLabelZh, l.variantLabelEn)}
                    {l.refundedFen ? (
                      <span className="ml-2 text-xs text-ink-500">
                        {t("refund.refunded", { amount: formatFen(l.refundedFen, locale) })}
                      </span>
                    ) : null}
                  </p>
                  {left > 0 ? (
                    <FieldsForm
                      action={refundLineAction}
                      hidden={{ number: o.number, coopId, lineId: l.id, idempotencyKey: randomUUID() }}
                      fields={[
                        {
                          name: "amount",
                          label: t("refund.amount"),
                          inputMode: "decimal",
                          maxLength: 12,
                          required: true,
                          hint: t("refund.left", { amount: formatFen(left, locale) }),
                        },
                        { name: "reason", label: t("refund.reason"), maxLength: 200, required: true },
                      ]}
                      submit={t("refund.submit")}
                      variant="danger"
                      testId={`refund-line-${l.id}`}
                    />
                  ) : null}
                </li>
              );
            })}
          </ul>
        </details>
      ) : null}
    </li>
  );
}
