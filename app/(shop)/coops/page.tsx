import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { CoopCard } from "@/components/coop/coop-card";
import { readCoopCards } from "@/lib/catalog";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("coopPage");
  return { title: t("title"), description: t("intro") };
}

export default async function CoopsPage() {
  const [locale, t, coops] = await Promise.all([getLocale(), getTranslations("coopPage"), readCoopCards()]);
  return (
    <>
      <div className="flex flex-col gap-1">
        <h1 className="text-xl font-bold">{t("title")}</h1>
        <p className="text-sm text-ink-500">{t("intro")}</p>
      </div>
      {coops.length ? (
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {coops.map((c) => (
            <CoopCard
              key={c.id}
              coop={c}
              locale={locale}
              productsLabel={t("productsCount", { count: c.productCount })}
            />
          ))}
        </div>
      ) : (
        <p className="rounded-xl bg-white px-4 py-10 text-center text-ink-500 ring-1 ring-rice-200">{t("none")}</p>
      )}
    </>
  );
}
