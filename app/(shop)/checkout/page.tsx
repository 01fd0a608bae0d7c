import { titled } from "@/lib/i18n/server";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { formatFen } from "@/lib/core/money";
import { requireViewerPage } from "@/lib/auth";
import { formatDay } from "@/lib/i18n/format-day";
import { pick } from "@/lib/i18n/locales";
import { loadCart } from "@/lib/orders";
import { onlinePaymentsEnabled } from "@/lib/payments";
import { listActiveStations } from "@/lib/stations";
import { nextPickupDay } from "@/lib/stations/contract";
import { serverNow } from "@/lib/system";
import { randomUUID } from "node:crypto";
import { cartOwner } from "../cart/owner";
import { CheckoutForm } from "./_components/checkout-form";
import { placeOrderAction } from "./actions";

export const generateMetadata = titled("checkout");

export default async function CheckoutPage() {
  await requireViewerPage();
  const [locale, t, cart, stations] = await Promise.all([
    getLocale(),
    getTranslations("checkout"),
    cartOwner().then(loadCart),
    listActiveStations(),
  ]);
  if (!cart.buyable) redirect("/cart");
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      <ul className="rounded-xl bg-white p-3 text-sm ring-1 ring-rice-200" data-testid="checkout-lines">
        {cart.lines.map((l) => (
          <li key={l.variantId} className="flex justify-between gap-2 py-1">
            <span>
              {pick(locale, l.productNameZh, l.productNameEn)} · {pick(locale, l.variantLabelZh, l.variantLabelEn)} ×{" "}
              {l.quantity}
            </span>
            <span>{formatFen(l.lineTotalFen, locale)}</span>
          </li>
        ))}
      </ul>
      <CheckoutForm
        action={placeOrderAction}
        stations={stations}
        pickupDays={Object.fromEntries(stations.map((s) => [s.id, formatDay(nextPickupDay(s, serverNow()), locale)]))}
        lines={cart.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity }))}
        subtotalFen={cart.subtotalFen}
        idempotencyKey={randomUUID()}
        locale={locale}
        onlineAvailable={onlinePaymentsEnabled()}
      />
    </div>
  );
}
