"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import type { AgreementProductDto } from "@/lib/agreements/contract";
import { pick } from "@/lib/i18n/locales";

type Errors = Record<string, string[]> | undefined;

/**
 * The terms of a carrying agreement, as a proposal or a counter types them: all or chosen products, the rate
 * as a percentage, the first and last day. The product list follows `products` (the chosen cooperative's).
 */
export function TermsFields({
  products,
  errors,
  defaults,
}: {
  products: AgreementProductDto[];
  errors: Errors;
  defaults?: { rate: string; startsOn: string; endsOn: string; allProducts: boolean; productIds: string[] };
}) {
  const t = useTranslations("agreements");
  const locale = useLocale();
  const [scope, setScope] = useState<"all" | "some">(defaults && !defaults.allProducts ? "some" : "all");
  return (
    <>
      <fieldset className="flex flex-col gap-1 text-sm">
        <legend className="mb-1 font-medium text-ink-700">{t("scope")}</legend>
        <label className="flex min-h-10 items-center gap-2">
          <input
            type="radio"
            name="scope"
            value="all"
            checked={scope === "all"}
            onChange={() => setScope("all")}
            data-testid="agreement-scope-all"
          />
          {t("scopeAll")}
        </label>
        <label className="flex min-h-10 items-center gap-2">
          <input
            type="radio"
            name="scope"
            value="some"
            checked={scope === "some"}
            onChange={() => setScope("some")}
            data-testid="agreement-scope-some"
          />
          {t("scopeSome")}
        </label>
        {scope === "some" ? (
          products.length ? (
            <ul className="flex flex-col gap-1 pl-6">
              {products.map((p) => (
                <li key={p.id}>
                  <label className="flex min-h-10 items-center gap-2">
                    <input
                      type="checkbox"
                      name="productIds"
                      value={p.id}
                      defaultChecked={defaults?.productIds.includes(p.id)}
                      data-testid={`agreement-product-${p.nameZh}`}
                    />
                    {pick(locale, p.nameZh, p.nameEn)}
                  </label>
                </li>
              ))}
            </ul>
          ) : (
            <p className="pl-6 text-xs text-ink-500">{t("noProducts")}</p>
          )
        ) : null}
        {errors?.productIds ? (
          <span role="alert" className="text-xs text-persimmon-600">
            {errors.productIds.join(" · ")}
          </span>
        ) : null}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field
          label={t("rate")}
          name="rate"
          required
          inputMode="decimal"
          maxLength={6}
          hint={t("rateHint")}
          defaultValue={defaults?.rate ?? "10"}
          errors={errors?.rate}
          data-testid="agreement-rate"
        />
        <Field
          label={t("startsOn")}
          name="startsOn"
          type="date"
          required
          defaultValue={defaults?.startsOn}
          errors={errors?.startsOn}
          data-testid="agreement-starts-on"
        />
        <Field
          label={t("endsOn")}
          name="endsOn"
          type="date"
          required
          defaultValue={defaults?.endsOn}
          errors={errors?.endsOn}
          data-testid="agreement-ends-on"
        />
      </div>
      <Field label={t("note")} name="note" maxLength={500} errors={errors?.note} />
    </>
  );
}
