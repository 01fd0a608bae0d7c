import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { formatFen } from "@/lib/core/money";
import { pick } from "@/lib/i18n/locales";
import { loadCart } from "@/lib/orders";
import { QuantityForm } from "./_components/quantity-form";
import { removeCartLineAction, setCartQuantityAction } from "./actions";
import { cartOwner } from "./owner";

export const generateMetadata = titled("cart");

export default async function CartPage() {
  const owner = await cartOwner();
  const [locale, t, cart] = await Promise.all([getLocale(), getTranslations("cart"), loadCart(owner)]);
  if (cart.lines.length === 0) {
    return (
      <div className="flex flex-col items-center gap-3 py-12 text-center" data-testid="cart-empty">
        <h1 className="text-xl font-bold">{t("title")}</h1>
        <p className="text-ink-700">{t("empty")}</p>
        <Link href="/products" className={buttonClass("primary")}>
          {t("browse")}
        </Link>
      </div>
    );
  }
  const checkoutHref = owner.viewer ? "/checkout" : `/login?callbackUrl=${encodeURIComponent("/checkout")}`;
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      <ul className="divide-y divide-rice-200 rounded-xl bg-white ring-1 ring-rice-200" data-testid="cart-lines">
        {cart.lines.map((l) => (
          <li key={l.variantId} className="flex gap-3 p-3" data-testid="cart-line">
            {/* eslint-disable-next-line @next/next/no-img-element -- local image */}
            <img
              src={l.imagePath ?? "/images/placeholder.svg"}
              alt=""
              width={64}
              height={64}
              className="size-16 shrink-0 rounded-lg bg-rice-100"
            />
            <div className="min-w-0 flex-1">
              <Link href={`/products/${l.productSlug}`} className="font-medium hover:underline">
                {pick(locale, l.productNameZh, l.productNameEn)}
              </Link>
              <p className="text-xs text-ink-500">
                {pick(locale, l.variantLabelZh, l.variantLabelEn)} · {pick(locale, l.coopNameZh, l.coopNameEn)}
              </p>
              <p className="text-sm">{formatFen(l.unitPriceFen, locale)}</p>
              {l.problem ? (
                <p className="text-xs font-medium text-persimmon-600" data-testid="cart-line-problem">
                  {l.problem === "insufficient"
                    ? t("problem.insufficient", { count: l.stock })
                    : t(`problem.${l.problem}`)}
                </p>
              ) : null}
            </div>
            <div className="flex flex-col items-end justify-between gap-2">
              {l.problem === "unavailable" || l.problem === "sold_out" ? null : (
                <QuantityForm
                  action={setCartQuantityAction}
                  variantId={l.variantId}
                  quantity={l.quantity}
                  max={l.stock}
                />
              )}
              <ActionButton
                action={removeCartLineAction}
                fields={{ variantId: l.variantId }}
                label={t("remove")}
                variant="ghost"
              />
            </div>
          </li>
        ))}
      </ul>
      <div className="flex items-center justify-between rounded-xl bg-white p-3 ring-1 ring-rice-200">
        <span>{t("subtotal")}</span>
        <span className="text-lg font-semibold text-persimmon-600" data-testid="cart-subtotal">
          {formatFen(cart.subtotalFen, locale)}
        </span>
      </div>
      {!cart.buyable ? <Notice tone="error">{t("fixProblems")}</Notice> : null}
      {cart.buyable ? (
        <Link href={checkoutHref} className={buttonClass("primary", "w-full")} data-testid="go-checkout">
          {t("checkout")}
        </Link>
      ) : null}
    </div>
  );
}
