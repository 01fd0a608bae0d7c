"use client";

import { useTranslations } from "next-intl";
import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** A cooperative offers a team deal: every rule broken comes back as a field error, and nothing is saved. */
export function TeamDealForm({ action, variants }: { action: FormAction; variants: { id: string; label: string }[] }) {
  const t = useTranslations("coopTeamDeals");
  return (
    <ActionForm action={action} successNote={t("created")} testId="team-deal-form">
      {(f, pending) => (
        <>
          <Field label={t("variant")} name="variantId" errors={f?.variantId}>
            {(control) => (
              <select {...control} className="min-h-11 rounded-lg border border-rice-200 bg-white px-3">
                {variants.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t("teamPrice")} name="teamPrice" required inputMode="decimal" errors={f?.teamPrice} />
            <Field
              label={t("teamSize")}
              name="teamSize"
              required
              inputMode="numeric"
              defaultValue="3"
              errors={f?.teamSize}
            />
            <Field
              label={t("formingHours")}
              name="formingHours"
              inputMode="numeric"
              defaultValue="24"
              hint={t("formingHint")}
              errors={f?.formingHours}
            />
            <Field label={t("stockCap")} name="stockCap" required inputMode="numeric" errors={f?.stockCap} />
            <Field
              label={t("maxOpenTeamsPerBuyer")}
              name="maxOpenTeamsPerBuyer"
              inputMode="numeric"
              defaultValue="1"
              errors={f?.maxOpenTeamsPerBuyer}
            />
            <Field label={t("activeFrom")} name="activeFrom" type="datetime-local" required errors={f?.activeFrom} />
            <Field label={t("activeTo")} name="activeTo" type="datetime-local" required errors={f?.activeTo} />
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="sameStationOnly" value="on" />
            {t("sameStationOnly")}
          </label>
          <Button type="submit" disabled={pending} className="self-start" data-testid="create-team-deal">
            {t("create")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
