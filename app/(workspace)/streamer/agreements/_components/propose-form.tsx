"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { TermsFields } from "@/components/agreements/terms-fields";
import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { AgreementProductDto } from "@/lib/agreements/contract";
import { pick } from "@/lib/i18n/locales";

/** The streamer asks a cooperative (picked from the list) to carry all or some of its products. */
export function ProposeForm({
  action,
  coops,
  today,
  defaultEnd,
}: {
  action: FormAction;
  coops: { id: string; nameZh: string; nameEn: string; products: AgreementProductDto[] }[];
  today: string;
  defaultEnd: string;
}) {
  const t = useTranslations("agreements");
  const locale = useLocale();
  const [coopId, setCoopId] = useState(coops[0]?.id ?? "");
  const products = coops.find((c) => c.id === coopId)?.products ?? [];
  return (
    <ActionForm action={action} testId="propose-agreement-form" statusAt="bottom">
      {(errors, pending) => (
        <>
          <Field label={t("coop")} name="coopId" errors={errors?.coopId}>
            {(control) => (
              <select
                {...control}
                value={coopId}
                onChange={(e) => setCoopId(e.target.value)}
                className="min-h-11 rounded-lg border border-rice-200 bg-white px-3"
                data-testid="agreement-coop"
              >
                {coops.map((c) => (
                  <option key={c.id} value={c.id}>
                    {pick(locale, c.nameZh, c.nameEn)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TermsFields
            key={coopId}
            products={products}
            errors={errors}
            defaults={{ rate: "10", startsOn: today, endsOn: defaultEnd, allProducts: true, productIds: [] }}
          />
          <Button type="submit" disabled={pending} className="self-start" data-testid="propose-agreement">
            {t("submit")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
