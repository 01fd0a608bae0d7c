import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { CoopCard } from "@/components/coop/coop-card";
import { CampaignCard } from "@/components/group-buy/campaign-card";
import { listOpenCampaigns } from "@/lib/group-buys";
import { serverNow } from "@/lib/system";
import { campaignCardLabels } from "./group-buys/labels";
import { ProductCard, ProductGrid } from "@/components/product/product-card";
import { StationCard } from "@/components/station/station-card";
import { buttonClass } from "@/components/ui/button";
import { Section } from "@/components/ui/section";
import { readCoopCards, readFeaturedProducts } from "@/lib/catalog";
import { listActiveStations } from "@/lib/stations";

export default async function HomePage() {
  const [locale, t, tp, ts, tg, labels, campaigns, coops, products, stations] = await Promise.all([
    getLocale(),
    getTranslations("home"),
    getTranslations("product"),
    getTranslations("stations"),
    getTranslations("groupBuys"),
    campaignCardLabels(),
    listOpenCampaigns(4),
    readCoopCards(),
    readFeaturedProducts(8),
    listActiveStations(),
  ]);
  return (
    <>
      <section className="rounded-2xl bg-gradient-to-br from-paddy-700 to-paddy-500 p-5 text-white">
        <h1 className="text-2xl font-bold leading-tight">{t("heroTitle")}</h1>
        <p className="mt-2 text-sm text-white/90">{t("heroBody")}</p>
        {/* A plain GET form: works without JavaScript, lands on the catalog's own search. */}
        <form action="/products" role="search" className="mt-4 flex gap-2" data-testid="home-search">
          <input
            name="q"
            type="search"
            maxLength={60}
            placeholder={t("searchPlaceholder")}
            aria-label={t("search")}
            className="min-h-11 min-w-0 flex-1 rounded-lg px-3 text-base text-ink-900"
          />
          <button className={buttonClass("secondary")}>{t("search")}</button>
        </form>
        <Link href="/products" className="mt-3 inline-block text-sm text-white underline">
          {t("shopNow")}
        </Link>
      </section>

      {campaigns.length ? (
        <Section title={tg("homeTitle")} moreHref="/group-buys" moreLabel={t("seeAll")}>
          <div className="grid gap-3 sm:grid-cols-2">
            {campaigns.map((c) => (
              <CampaignCard key={c.id} c={c} locale={locale} labels={labels} serverNow={serverNow().getTime()} />
            ))}
          </div>
        </Section>
      ) : null}

      <Section title={t("productsTitle")} moreHref="/products" moreLabel={t("seeAll")}>
        <ProductGrid>
          {products.map((p) => (
            <ProductCard
              key={p.id}
              product={p}
              locale={locale}
              labels={{
                from: (price) => tp("from", { price }),
                soldOut: tp("soldOut"),
                onlyLeft: (count) => tp("onlyLeft", { count }),
              }}
            />
          ))}
        </ProductGrid>
      </Section>

      <Section title={t("coopsTitle")}>
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
      </Section>

      <Section title={t("stationsTitle")} moreHref="/stations" moreLabel={t("seeAll")}>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {stations.slice(0, 3).map((s) => (
            <StationCard
              key={s.id}
              station={s}
              locale={locale}
              hoursLabel={ts("hours", { opens: s.opensAt, closes: s.closesAt })}
              cutoffLabel={ts("cutoff", { time: s.cutoffTime })}
            />
          ))}
        </div>
      </Section>
    </>
  );
}
