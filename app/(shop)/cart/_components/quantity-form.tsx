"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/ui/action-form";

/** Quantity of one cart line: − / number / +, each a real form submit (works without JS too). */
export function QuantityForm({
  action,
  variantId,
  quantity,
  max,
}: {
  action: FormAction;
  variantId: string;
  quantity: number;
  max: number;
}) {
  const t = useTranslations("cart");
  const [state, formAction, pending] = useActionState(action, null);
  const cap = Math.max(1, Math.min(max, 999));
  return (
    <div className="flex flex-col items-end gap-1">
      <form action={formAction} className="flex items-center gap-1" data-testid={`qty-${variantId}`}>
        <input type="hidden" name="variantId" value={variantId} />
        <button
          name="quantity"
          value={Math.max(0, quantity - 1)}
          disabled={pending}
          className="size-8 rounded-lg ring-1 ring-rice-200"
          aria-label={t("decrease")}
        >
          −
        </button>
        <span className="min-w-8 text-center tabular-nums" aria-live="polite" data-testid="cart-line-quantity">
          {quantity}
        </span>
        <button
          name="quantity"
          value={quantity + 1}
          disabled={pending || quantity >= cap}
          className="size-8 rounded-lg ring-1 ring-rice-200 disabled:opacity-40"
          aria-label={t("increase")}
        >
          +
        </button>
      </form>
      {state && !state.ok ? (
        <span role="alert" className="text-xs text-persimmon-600">
          {state.message}
        </span>
      ) : null}
    </div>
  );
}
