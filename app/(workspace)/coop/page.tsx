import { getLocale, getTranslations } from "next-intl/server";
import { formatFen } from "@/lib/core/money";
import { getCoopWorkspace } from "@/lib/catalog";
import { requireWorkspacePage } from "@/lib/auth";
import { pick, type Locale } from "@/lib/i18n/locales";

export default async function CoopWorkspacePage() {
  const viewer = await requireWorkspacePage("coop");
  const [locale, t, coops] = await Promise.all([getLocale() as Promise<Locale>, getTranslations("coopWs"), getCoopWorkspace(viewer)]);
  return (
    <div className="flex flex-col gap-4" data-testid="workspace-coop">
      {coops.map((c) => (
        <section key={c.id} className="flex flex-col gap-3">
          <h1 className="text-xl font-bold">{pick(locale, c.nameZh, c.nameEn)}</h1>
          <h2 className="font-semibold">{t("products")}</h2>
          <ul className="divide-y divide-rice-200 rounded-xl bg-white ring-1 ring-rice-200">
            {c.products.map((p) => (
              <li key={p.id} className="p-3 text-sm">
                <p className="font-medium">
                  {pick(locale, p.nameZh, p.nameEn)} <span className="text-xs text-ink-500">{t(`status.${p.status}`)}</span>
                </p>
                <ul className="mt-1 text-xs text-ink-700">
                  {p.variants.map((v) => (
                    <li key={v.id}>
                      {pick(locale, v.labelZh, v.labelEn)} · {formatFen(v.priceFen, locale)} · {t("stock", { count: v.stock })}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
