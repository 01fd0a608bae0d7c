import { getLocale, getTranslations } from "next-intl/server";
import { CoopCard } from "@/components/coop/coop-card";
import { listCoops } from "@/lib/catalog";
import type { Locale } from "@/lib/i18n/locales";

export async function generateMetadata() {
  return { title: (await getTranslations("coopPage"))("title") };
}

export default async function CoopsPage() {
  const [locale, t, th, coops] = await Promise.all([getLocale() as Promise<Locale>, getTranslations("coopPage"), getTranslations("home"), listCoops()]);
  return (
    <>
      <h1 className="text-xl font-bold">{t("title")}</h1>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {coops.map((c) => (
          <CoopCard key={c.id} coop={c} locale={locale} productsLabel={th("productsCount", { count: c.productCount })} />
        ))}
      </div>
    </>
  );
}
