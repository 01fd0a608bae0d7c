import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/order/status-badge";
import { ActionButton } from "@/components/ui/action-button";
import { Notice } from "@/components/ui/notice";
import { formatFen } from "@/lib/core/money";
import { isAppError } from "@/lib/core/errors";
import { requireViewerPage } from "@/lib/auth";
import { formatDay } from "@/lib/i18n/format-day";
import { pick } from "@/lib/i18n/locales";
import { lookup } from "@/lib/i18n/lookup";
import { getMyOrder, pickupQrDataUrl } from "@/lib/orders";
import { cancelOrderAction, payOrderAction, reissueCodeAction } from "./actions";

export const generateMetadata = titled("order");

export default async function OrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ number: string }>;
  searchParams: Promise<{ placed?: string; returned?: string; payment?: string }>;
}) {
  const viewer = await requireViewerPage();
  const [{ number }, sp] = await Promise.all([params, searchParams]);
  const order = await getMyOrder(viewer, number).catch((err: unknown) => {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const [locale, t, ts, format] = await Promise.all([
    getLocale(),
    getTranslations("orders"),
    getTranslations("orderStatus"),
    getFormatter(),
  ]);
  const qr = order.pickupCode && !order.pickupLocked ? await pickupQrDataUrl(order.number, order.pickupCode) : null;
  const when = (d: Date) => format.dateTime(d, "short");
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4" data-testid="order-page">
      {sp.placed ? <Notice tone="success">{t("placed")}</Notice> : null}
      {sp.payment === "cancelled" && order.status === "awaiting_payment" ? (
        <Notice tone="info">{t("paymentCancelled")}</Notice>
      ) : null}
      {sp.payment === "error" && order.status === "awaiting_payment" ? (
        <Notice tone="error">{t("paymentError")}</Notice>
      ) : null}
      {sp.returned && order.paymentStatus === "paid" ? <Notice tone="success">{t("paidOnline")}</Notice> : null}
      {order.status === "awaiting_payment" ? (
        <section
          className="flex flex-col gap-2 rounded-xl bg-white p-4 ring-1 ring-rice-200"
          data-testid="awaiting-payment"
        >
          <p className="text-sm">
            {order.paymentStatus === "needs_review"
              ? t("underReview")
              : t("payBefore", { time: order.holdExpiresAt ? when(order.holdExpiresAt) : "" })}
          </p>
          {order.paymentStatus !== "needs_review" && order.teamId ? (
            <Link
              href={`/teams/${order.teamId}`}
              className="rounded-lg bg-paddy-600 px-4 py-2 text-center text-sm font-medium text-white"
              data-testid="pay-now"
            >
              {t("payNow")}
            </Link>
          ) : order.paymentStatus !== "needs_review" ? (
            <ActionButton
              action={payOrderAction}
              fields={{ number: order.number }}
              label={t("payNow")}
              variant="primary"
              testId="pay-now"
            />
          ) : null}
        </section>
      ) : null}
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-xl font-bold">{t("orderNumber", { number: order.number })}</h1>
        <StatusBadge status={order.status} label={ts(order.status)} />
      </div>

      {order.pickupLocked ? (
        <section
          className="flex flex-col gap-2 rounded-xl bg-white p-4 ring-1 ring-rice-200"
          data-testid="pickup-code-locked"
        >
          <Notice tone="error">{t("pickupLocked")}</Notice>
          <ActionButton
            action={reissueCodeAction}
            fields={{ number: order.number }}
            label={t("reissueCode")}
            variant="primary"
            successNote={t("codeReissued")}
            testId="reissue-code"
          />
        </section>
      ) : null}
      {order.pickupCode && qr ? (
        <section
          className="flex flex-col items-center gap-2 rounded-xl bg-white p-4 text-center ring-1 ring-rice-200"
          data-testid="pickup-code-card"
        >
          <p className="text-sm text-ink-700">{t("pickupCodeHint")}</p>
          <p className="font-mono text-4xl font-bold tracking-[0.3em]" data-testid="pickup-code">
            {order.pickupCode}
          </p>
          {/* eslint-disable-next-line @next/next/no-img-element -- generated data: URL */}
          <img src={qr} alt={t("pickupQrAlt")} width={200} height={200} data-testid="pickup-qr" />
        </section>
      ) : null}

      <section className="rounded-xl bg-white p-3 text-sm ring-1 ring-rice-200">
        {order.station ? (
          <>
            <p className="font-medium">
              {t("pickupAt", { station: pick(locale, order.station.nameZh, order.station.nameEn) })}
            </p>
            {order.deliveryDay ? (
              <p className="text-paddy-700" data-testid="order-pickup-day">
                {t("pickupFrom", { day: formatDay(order.deliveryDay, locale) })}
              </p>
            ) : null}
            <p className="text-ink-500">
              {pick(locale, order.station.addressZh, order.station.addressEn)} · {order.station.phone}
            </p>
          </>
        ) : order.deliveryAddress ? (
          <>
            <p className="font-medium">{t("deliverTo", { name: order.deliveryAddress.recipient })}</p>
            <p className="text-ink-500">
              {order.deliveryAddress.region} {order.deliveryAddress.line} · {order.deliveryAddress.phone}
            </p>
          </>
        ) : null}
        <p className="mt-1 text-ink-700">
          {lookup(t, `payment.${order.paymentMethod}`)} · {lookup(t, `paymentStatus.${order.paymentStatus}`)}
        </p>
        {order.teamId ? (
          <Link
            href={`/teams/${order.teamId}`}
            className="mt-1 inline-block text-paddy-700 underline"
            data-testid="order-team-link"
          >
            {t("teamLink")}
          </Link>
        ) : null}
        {order.note ? <p className="mt-1 text-ink-500">{t("note", { note: order.note })}</p> : null}
        {order.cancelReason ? (
          <p className="mt-1 text-persimmon-600">
            {t("cancelReason", {
              reason: lookup(t, `cancelReasons.${order.cancelReason}`, undefined, order.cancelReason),
            })}
          </p>
        ) : null}
      </section>

      <ul className="divide-y divide-rice-200 rounded-xl bg-white ring-1 ring-rice-200">
        {order.lines.map((l) => (
          <li key={l.id} className="flex justify-between gap-2 p-3 text-sm" data-testid="order-line">
            <div>
              <p className="font-medium">
                {pick(locale, l.productNameZh, l.productNameEn)} · {pick(locale, l.variantLabelZh, l.variantLabelEn)}
              </p>
              <p className="text-xs text-ink-500">
                {pick(locale, l.coopNameZh, l.coopNameEn)} · {lookup(ts, `line.${l.status}`)}
              </p>
            </div>
            <p className="shrink-0 text-right">
              {formatFen(l.unitPriceFen, locale)} × {l.quantity}
              <br />
              <span className="font-medium">{formatFen(l.lineTotalFen, locale)}</span>
            </p>
          </li>
        ))}
        <li className="flex justify-between p-3 text-sm">
          <span>{t("deliveryFee")}</span>
          <span>{formatFen(order.deliveryFeeFen, locale)}</span>
        </li>
        <li className="flex justify-between p-3 font-semibold">
          <span>{t("total")}</span>
          <span className="text-persimmon-600">{formatFen(order.totalFen, locale)}</span>
        </li>
      </ul>

      {order.refunds.length ? (
        <section className="rounded-xl bg-white p-3 ring-1 ring-rice-200" data-testid="order-refunds">
          <h2 className="mb-2 font-semibold">{t("refunds.title")}</h2>
          <ul className="flex flex-col gap-1 text-sm">
            {order.refunds.map((r, i) => (
              <li key={i} className="flex justify-between gap-2" data-testid="order-refund">
                <span>
                  {t("refunds.line", {
                    amount: formatFen(r.amountFen, locale),
                    status: t(`refunds.status.${r.status}`),
                  })}
                  <span className="ml-1 text-xs text-ink-500">{t(`refunds.method.${r.method}`)}</span>
                </span>
                <span className="text-xs text-ink-500">{when(r.at)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="rounded-xl bg-white p-3 ring-1 ring-rice-200">
        <h2 className="mb-2 font-semibold">{t("timeline")}</h2>
        <ol className="flex flex-col gap-2 border-l-2 border-paddy-500/30 pl-3 text-sm" data-testid="order-timeline">
          {order.events.map((e, i) => (
            <li key={i}>
              <span className="font-medium">
                {e.coopNameZh
                  ? `${pick(locale, e.coopNameZh, e.coopNameEn ?? e.coopNameZh)} · ${lookup(ts, `line.${e.toStatus}`, undefined, lookup(ts, e.toStatus))}`
                  : lookup(ts, e.toStatus)}
              </span>
              <span className="ml-2 text-xs text-ink-500">{when(e.at)}</span>
            </li>
          ))}
        </ol>
      </section>

      {order.canCancel ? (
        <ActionButton
          action={cancelOrderAction}
          fields={{ number: order.number }}
          label={t("cancel")}
          variant="danger"
          confirm={t("cancelConfirm")}
          testId="cancel-order"
        />
      ) : null}
    </div>
  );
}
