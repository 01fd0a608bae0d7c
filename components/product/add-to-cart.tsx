"use client";

import Link from "next/link";
import { startTransition, useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { clsx } from "clsx";
import type { VariantDto } from "@/lib/catalog/contract";
import { stockState } from "@/lib/catalog/contract-stock";
import { formatFen } from "@/lib/core/money";
import { pick, type Locale } from "@/lib/i18n/locales";

// The cart takes at most 999 of one variant per line (lib/inventory quantitySchema).
const MAX_QUANTITY = 999;

/** Variant choice, quantity and the add-to-cart button. Sold-out variants cannot be chosen. */
export function AddToCart<T>({
  addToCart,
  variants,
  locale,
}: {
  /** A server action taking the form fields `variantId` and `quantity`. */
  addToCart: FormAction<T>;
  variants: VariantDto[];
  locale: Locale;
}) {
  const t = useTranslations("productPage");
  const [state, formAction, pending] = useActionState(addToCart, null);
  const [variantId, setVariantId] = useState(() => variants.find((v) => v.stock > 0)?.id ?? "");
  const chosen = variants.find((v) => v.id === variantId);
  const available = chosen !== undefined && chosen.stock > 0;
  if (variants.length === 0) {
    return (
      <p className="text-sm text-ink-500" data-testid="not-on-sale">
        {t("notOnSale")}
      </p>
    );
  }
  return (
    <form
      action={formAction}
      // With JavaScript, submit without React's form reset: it put the variant picker back on the first variant
      // next to "已加入购物车". Without JavaScript the form posts to the action as it is.
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        startTransition(() => formAction(form));
      }}
      className="flex flex-col gap-3"
      data-testid="add-to-cart"
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm text-ink-700">{t("chooseVariant")}</legend>
        <div className="grid grid-cols-2 gap-2">
          {variants.map((v) => (
            <VariantOption
              key={v.id}
              variant={v}
              locale={locale}
              checked={variantId === v.id}
              onChoose={() => setVariantId(v.id)}
            />
          ))}
        </div>
      </fieldset>
      <div className="flex items-center gap-2">
        <label htmlFor="add-to-cart-quantity" className="text-sm text-ink-700">
          {t("quantity")}
        </label>
        <input
          id="add-to-cart-quantity"
          name="quantity"
          type="number"
          inputMode="numeric"
          required
          min={1}
          max={Math.max(1, Math.min(chosen?.stock ?? 1, MAX_QUANTITY))}
          step={1}
          defaultValue={1}
          className="min-h-10 w-20 rounded-lg border border-rice-200 bg-white px-2"
        />
      </div>
      <Button
        type="submit"
        disabled={pending || !available}
        aria-disabled={pending || !available}
        data-testid="add-to-cart-button"
      >
        {available ? t("addToCart") : t("soldOut")}
      </Button>
      <p aria-live="polite" className="min-h-5 text-sm">
        {state && !state.ok ? (
          <span role="alert" className="text-persimmon-600">
            {state.message}
          </span>
        ) : null}
        {state?.ok ? (
          <span className="text-paddy-700" data-testid="added-to-cart">
            {t("added")}{" "}
            <Link href="/cart" className="font-medium underline">
              {t("viewCart")}
            </Link>
          </span>
        ) : null}
      </p>
    </form>
  );
}

function VariantOption({
  variant: v,
  locale,
  checked,
  onChoose,
}: {
  variant: VariantDto;
  locale: Locale;
  checked: boolean;
  onChoose: () => void;
}) {
  const t = useTranslations("productPage");
  const stock = stockState(v.stock);
  const soldOut = stock.kind === "sold_out";
  return (
    <label
      className={clsx(
        "flex min-w-0 flex-col rounded-lg bg-white px-3 py-2 text-sm ring-1 ring-rice-200 has-checked:bg-paddy-600/10 has-checked:ring-2 has-checked:ring-paddy-600 has-focus-visible:outline-2 has-focus-visible:outline-paddy-600",
        soldOut ? "cursor-not-allowed opacity-50" : "cursor-pointer",
      )}
      data-testid="variant-option"
    >
      <input
        type="radio"
        name="variantId"
        value={v.id}
        checked={checked}
        onChange={onChoose}
        disabled={soldOut}
        className="sr-only"
      />
      <span className="font-medium">{pick(locale, v.labelZh, v.labelEn)}</span>
      <span className="text-persimmon-600">{formatFen(v.priceFen, locale)}</span>
      <span
        className={clsx("text-xs", stock.kind === "low" ? "text-persimmon-600" : "text-ink-500")}
        data-testid="variant-stock"
      >
        {stock.kind === "sold_out"
          ? t("soldOut")
          : stock.kind === "low"
            ? t("onlyLeft", { count: stock.left })
            : t("inStock")}
      </span>
    </label>
  );
}
