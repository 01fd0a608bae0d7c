"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { FormAction } from "@/components/ui/action-form";
import type { CampaignDetailDto } from "@/lib/group-buys/contract";
import { pick, type Locale } from "@/lib/i18n/locales";

export function CampaignOrderForm({
  action,
  campaign,
  idempotencyKey,
  locale,
}: {
  action: FormAction;
  campaign: CampaignDetailDto;
  idempotencyKey: string;
  locale: Locale;
}) {
  const t = useTranslations("groupBuys");
  const [state, formAction, pending] = useActionState(action, null);
  const left = campaign.stockCap - campaign.sold;
  return (
    <form
      action={formAction}
      className="flex flex-col gap-3 rounded-xl bg-white p-4 ring-1 ring-rice-200"
      data-testid="campaign-order-form"
    >
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="campaignId" value={campaign.id} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-sm font-medium">{t("chooseStation")}</legend>
        {campaign.stations.map((s, i) => (
          <label key={s.id} className="flex items-start gap-2 text-sm">
            <input type="radio" name="stationId" value={s.id} defaultChecked={i === 0} className="mt-1" />
            <span>
              {pick(locale, s.nameZh, s.nameEn)}
              <span className="block text-xs text-ink-500">{pick(locale, s.addressZh, s.addressEn)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        {t("quantity")}
        <input
          name="quantity"
          type="number"
          min={1}
          max={Math.max(1, Math.min(left, 99))}
          defaultValue={1}
          inputMode="numeric"
          className="w-20 rounded-lg border border-rice-200 px-2 py-1"
        />
      </label>
      <p className="text-xs text-ink-500">{t("payAtPickup")}</p>
      <Button type="submit" disabled={pending || left <= 0} data-testid="join-campaign">
        {left <= 0 ? t("full") : t("order")}
      </Button>
    </form>
  );
}
