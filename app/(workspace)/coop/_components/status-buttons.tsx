"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import type { ProductStatus } from "@/lib/catalog/contract";

const style: Record<ProductStatus, "primary" | "secondary" | "danger"> = {
  published: "primary",
  draft: "secondary",
  archived: "danger",
};

/**
 * One button per status the product may move to (from the state machine). A refusal names both states, so the
 * person knows what happened (usually someone else changed the product meanwhile).
 */
export function StatusButtons({
  action,
  productId,
  current,
  targets,
  canPublish,
}: {
  action: FormAction;
  productId: string;
  current: ProductStatus;
  targets: ProductStatus[];
  canPublish: boolean;
}) {
  const t = useTranslations("coopCatalog");
  const [state, formAction, pending] = useActionState(action, null);
  const [attempted, setAttempted] = useState<ProductStatus | null>(null);
  const refused = state && !state.ok ? state : null;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {targets.map((to) => (
          <form
            key={to}
            action={formAction}
            onSubmit={(e) => {
              if (to === "archived" && !window.confirm(t("archiveConfirm"))) e.preventDefault();
              else setAttempted(to);
            }}
          >
            <input type="hidden" name="productId" value={productId} />
            <input type="hidden" name="status" value={to} />
            <button
              type="submit"
              disabled={pending || (to === "published" && !canPublish)}
              className={buttonClass(style[to])}
              data-testid={`status-${to}`}
            >
              {t(`toStatus.${to}`)}
            </button>
          </form>
        ))}
      </div>
      {targets.includes("published") && !canPublish ? (
        <p className="text-xs text-ink-500">{t("publishNeedsVariant")}</p>
      ) : null}
      {refused ? (
        <p role="alert" className="text-sm text-persimmon-600">
          {refused.code === "INVALID_STATE" && attempted
            ? t("statusRefused", { from: t(`status.${current}`), to: t(`status.${attempted}`) })
            : refused.message}
        </p>
      ) : null}
    </div>
  );
}
