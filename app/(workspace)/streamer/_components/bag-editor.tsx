"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { FormAction } from "@/components/ui/action-form";

/** Pick the products shown in the session (in list order) and which prices stay hidden until revealed. */
export function BagEditor({
  action,
  sessionId,
  products,
  chosen,
  hidden,
}: {
  action: FormAction;
  sessionId: string;
  products: { id: string; name: string }[];
  chosen: string[];
  hidden: string[];
}) {
  const t = useTranslations("streamer");
  const [state, formAction, pending] = useActionState(action, null);
  const ordered = [...products].sort((a, b) => {
    const ia = chosen.indexOf(a.id);
    const ib = chosen.indexOf(b.id);
    return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib);
  });
  return (
    <form action={formAction} className="flex flex-col gap-2" data-testid="bag-editor">
      <input type="hidden" name="sessionId" value={sessionId} />
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      {state?.ok ? <Notice tone="success">{t("saved")}</Notice> : null}
      <ul className="flex flex-col gap-1 text-sm">
        {ordered.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center justify-between gap-2">
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                name="productIds"
                value={p.id}
                defaultChecked={chosen.includes(p.id)}
                data-testid={`bag-${p.name}`}
              />
              {p.name}
            </label>
            <label className="flex items-center gap-1 text-xs text-ink-500">
              <input type="checkbox" name="hiddenPriceIds" value={p.id} defaultChecked={hidden.includes(p.id)} />
              {t("hidePrice")}
            </label>
          </li>
        ))}
      </ul>
      <p className="text-xs text-ink-500">{t("bagOrderHint")}</p>
      <Button type="submit" disabled={pending} variant="secondary" className="self-start" data-testid="save-bag">
        {t("saveBag")}
      </Button>
    </form>
  );
}
