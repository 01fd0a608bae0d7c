import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import { formatFen } from "@/lib/core/money";
import { requireWorkspacePage } from "@/lib/auth";
import { titled } from "@/lib/i18n/server";
import { listNeedsAttention } from "@/lib/orders";
import { acceptReviewAction, refundReviewAction, releaseHoldAction, retryRefundAction } from "./actions";

export const generateMetadata = titled("adminAttention");

const section = "flex flex-col gap-2";
const list = "divide-y divide-rice-200 rounded-xl bg-white ring-1 ring-rice-200";
const row = "flex flex-wrap items-center gap-2 p-3 text-sm";

export default async function AdminAttentionPage() {
  const viewer = await requireWorkspacePage("admin");
  const [t, locale, format, data] = await Promise.all([
    getTranslations("admin.attention"),
    getLocale(),
    getFormatter(),
    listNeedsAttention(viewer),
  ]);
  const fen = (n: number) => formatFen(n, locale);
  return (
    <div className="flex flex-col gap-6" data-testid="admin-attention">
      <h1 className="text-xl font-bold">{t("title")}</h1>

      <section className={section} data-testid="attention-reviews">
        <h2 className="font-semibold">
          {t("reviews", { count: data.reviews.length })} ·{" "}
          <span data-testid="attention-reviews-total">{fen(data.totals.reviewsFen)}</span>
        </h2>
        <p className="text-xs text-ink-500">{t("reviewsHint")}</p>
        {data.reviews.length ? (
          <ul className={list}>
            {data.reviews.map((r) => (
              <li key={r.number} className={row} data-testid="attention-review-row" data-number={r.number}>
                <div className="min-w-0 flex-1">
                  <p className="font-medium">
                    {r.number} · {r.buyerName}
                  </p>
                  <p className="text-xs text-ink-700">
                    {t("orderTotal", { amount: fen(r.totalFen) })} ·{" "}
                    {r.paidFen === null
                      ? t("noPayment")
                      : r.paidCurrency === "cny"
                        ? t("paid", { amount: fen(r.paidFen) })
                        : t("paidOther", { amount: String(r.paidFen), currency: r.paidCurrency ?? "" })}
                  </p>
                  <p className="text-xs text-ink-500">{format.dateTime(r.placedAt, "short")}</p>
                </div>
                <div className="flex flex-wrap gap-2">
                  {r.status === "awaiting_payment" ? (
                    <ActionButton
                      action={acceptReviewAction}
                      fields={{ number: r.number }}
                      label={t("accept")}
                      variant="primary"
                      testId={`attention-accept-${r.number}`}
                    />
                  ) : null}
                  {r.attemptStatus === "paid" ? (
                    <ActionButton
                      action={refundReviewAction}
                      fields={{ number: r.number }}
                      label={t("refund")}
                      variant="danger"
                      confirm={t("refundConfirm", { number: r.number })}
                      testId={`attention-refund-${r.number}`}
                    />
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-ink-700">{t("none")}</p>
        )}
      </section>

      <section className={section} data-testid="attention-refunds">
        <h2 className="font-semibold">
          {t("failedRefunds", { count: data.failedRefunds.length })} ·{" "}
          <span data-testid="attention-refunds-total">{fen(data.totals.failedRefundsFen)}</span>
        </h2>
        <p className="text-xs text-ink-500">{t("failedRefundsHint")}</p>
        {data.failedRefunds.length ? (
          <ul className={list}>
            {data.failedRefunds.map((r) => (
              <li key={r.id} className={row} data-testid="attention-refund-row" data-refund={r.id}>
                <div className="min-w-0 flex-1">
                  <p className="font-medium">
                    {r.orderNumber} · {fen(r.amountFen)}
                  </p>
                  <p className="text-xs break-all text-ink-700">
                    {t("attempts", { count: r.attempts })}
                    {r.lastError ? ` · ${r.lastError}` : ""}
                  </p>
                  <p className="text-xs text-ink-500">{format.dateTime(r.updatedAt, "short")}</p>
                </div>
                <ActionButton
                  action={retryRefundAction}
                  fields={{ refundId: r.id }}
                  label={t("retry")}
                  variant="primary"
                  testId={`attention-retry-${r.id}`}
                />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-ink-700">{t("none")}</p>
        )}
      </section>

      <section className={section} data-testid="attention-holds">
        <h2 className="font-semibold">
          {t("stuckHolds", { count: data.stuckHolds.length })} ·{" "}
          <span data-testid="attention-holds-total">{fen(data.totals.stuckHoldsFen)}</span>
        </h2>
        <p className="text-xs text-ink-500">{t("stuckHoldsHint")}</p>
        {data.stuckHolds.length ? (
          <ul className={list}>
            {data.stuckHolds.map((h) => (
              <li key={h.number} className={row} data-testid="attention-hold-row" data-number={h.number}>
                <div className="min-w-0 flex-1">
                  <p className="font-medium">
                    {h.number} · {h.buyerName} · {fen(h.totalFen)}
                  </p>
                  <p className="text-xs text-ink-700">
                    {t("holdEnded", { at: format.dateTime(h.holdExpiresAt, "short") })} ·{" "}
                    {t("openAttempts", { count: h.openAttempts })}
                  </p>
                </div>
                <ActionButton
                  action={releaseHoldAction}
                  fields={{ number: h.number }}
                  label={t("release")}
                  variant="danger"
                  confirm={t("releaseConfirm", { number: h.number })}
                  testId={`attention-release-${h.number}`}
                />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-ink-700">{t("none")}</p>
        )}
      </section>
    </div>
  );
}
