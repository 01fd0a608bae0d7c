import { useFormatter, useTranslations } from "next-intl";
import type { ProductPageDto } from "@/lib/catalog/contract";
import { pick, type Locale } from "@/lib/i18n/locales";
import { lookup } from "@/lib/i18n/lookup";

/** Where and when the product was grown, and what it is certified as. */
export function Provenance({ product, locale }: { product: ProductPageDto; locale: Locale }) {
  const t = useTranslations("productPage");
  const tc = useTranslations("certifications");
  const format = useFormatter();
  const harvested = product.harvestedOn
    ? format.dateTime(new Date(`${product.harvestedOn}T00:00:00Z`), "date", { timeZone: "UTC" }) // a calendar day
    : null;
  return (
    <section
      className="flex flex-col gap-3 rounded-xl bg-white p-4 ring-1 ring-rice-200"
      aria-labelledby="provenance-title"
      data-testid="provenance"
    >
      <h2 id="provenance-title" className="font-semibold">
        {t("provenance")}
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-ink-500">{t("origin")}</dt>
        <dd>
          {pick(locale, product.originVillageZh, product.originVillageEn)} ·{" "}
          {pick(locale, product.originTownZh, product.originTownEn)}
        </dd>
        {harvested ? (
          <>
            <dt className="text-ink-500">{t("harvestedOn")}</dt>
            <dd>{harvested}</dd>
          </>
        ) : null}
        {product.harvestBatch ? (
          <>
            <dt className="text-ink-500">{t("harvestBatch")}</dt>
            <dd className="break-all">{product.harvestBatch}</dd>
          </>
        ) : null}
      </dl>
      {product.certifications.length ? (
        <ul className="flex flex-wrap gap-2" aria-label={t("certifications")}>
          {product.certifications.map((key) => (
            <li key={key} className="rounded-full bg-paddy-600/10 px-3 py-1 text-xs font-medium text-paddy-800">
              {lookup(tc, key)}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
