"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/contract";
import type { VariantDto } from "@/lib/catalog/contract";
import { stockState } from "@/lib/catalog/contract";
import { formatFen } from "@/lib/core/money";
import { pick, type Locale } from "@/lib/i18n/locales";

type Action = (prev: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;

/** Variant choice, quantity and the add-to-cart button; sold-out variants cannot be chosen. */
export function AddToCart({ action, variants, locale }: { action: Action; variants: VariantDto[]; locale: Locale }) {
  const t = useTranslations("productPage");
  const [state, formAction, pending] = useActionState(action, null);
  const firstAvailable = variants.find((v) => v.stock > 0) ?? variants[0];
  const [variantId, setVariantId] = useState(firstAvailable?.id ?? "");
  const [quantity, setQuantity] = useState(1);
  const chosen = variants.find((v) => v.id === variantId);
  const soldOut = !chosen || chosen.stock <= 0;
  return (
    <form action={formAction} className="flex flex-col gap-3" data-testid="add-to-cart">
      <fieldset className="flex flex-wrap gap-2">
        <legend className="mb-1 text-sm text-ink-700">{t("chooseVariant")}</legend>
        {variants.map((v) => {
          const st = stockState(v.stock);
          return (
            <label
              key={v.id}
              className={`flex cursor-pointer flex-col rounded-lg px-3 py-2 text-sm ring-1 has-[:checked]:bg-paddy-600/10 has-[:checked]:ring-paddy-600 ${st.kind === "sold_out" ? "opacity-50" : "ring-rice-200"}`}
              data-testid="variant-option"
            >
              <input type="radio" name="variantId" value={v.id} checked={variantId === v.id} onChange={() => setVariantId(v.id)} disabled={st.kind === "sold_out"} className="sr-only" />
              <span className="font-medium">{pick(locale, v.labelZh, v.labelEn)}</span>
              <span className="text-persimmon-600">{formatFen(v.priceFen, locale)}</span>
              <span className="text-xs text-ink-500" data-testid="variant-stock">
                {st.kind === "sold_out" ? t("soldOut") : st.kind === "low" ? t("onlyLeft", { count: st.left }) : t("inStock")}
              </span>
            </label>
          );
        })}
      </fieldset>
      <div className="flex items-center gap-2">
        <label htmlFor="qty" className="text-sm text-ink-700">
          {t("quantity")}
        </label>
        <input
          id="qty"
          name="quantity"
          type="number"
          inputMode="numeric"
          min={1}
          max={Math.max(1, Math.min(chosen?.stock ?? 1, 999))}
          value={quantity}
          onChange={(e) => setQuantity(Math.max(1, Math.floor(Number(e.target.value) || 1)))}
          className="w-20 rounded-lg border border-rice-200 px-2 py-1"
        />
      </div>
      <Button type="submit" disabled={pending || soldOut} data-testid="add-to-cart-button">
        {soldOut ? t("soldOut") : t("addToCart")}
      </Button>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-persimmon-600">
          {state.message}
        </p>
      ) : null}
      {state?.ok ? (
        <p role="status" className="text-sm text-paddy-700" data-testid="added-to-cart">
          {t("added")}
        </p>
      ) : null}
    </form>
  );
}
