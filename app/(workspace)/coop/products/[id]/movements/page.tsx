import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { isAppError } from "@/lib/core/errors";
import { requireWorkspacePage } from "@/lib/auth";
import { getProductForEdit } from "@/lib/catalog";
import { movementHistory } from "@/lib/inventory";
import { pick, type Locale } from "@/lib/i18n/locales";

export default async function MovementsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ variant?: string }> }) {
  const viewer = await requireWorkspacePage("coop");
  const [{ id }, { variant: variantId = "" }] = await Promise.all([params, searchParams]);
  const load = async () => {
    const product = await getProductForEdit(viewer, id);
    const variant = product.variants.find((v) => v.id === variantId);
    if (!variant) notFound();
    return { product, variant, moves: await movementHistory(viewer, variant.id) };
  };
  const { product, variant, moves } = await load().catch((err: unknown) => {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const [locale, t] = await Promise.all([getLocale() as Promise<Locale>, getTranslations("coopCatalog")]);
  return (
    <div className="flex flex-col gap-4" data-testid="movements">
      <Link href={`/coop/products/${product.id}`} className="text-sm text-paddy-700">
        ← {pick(locale, product.nameZh, product.nameEn)}
      </Link>
      <h1 className="text-xl font-bold">
        {t("historyOf", { name: pick(locale, variant.labelZh, variant.labelEn) })} · {t("stockNow", { count: variant.stock })}
      </h1>
      <div className="overflow-x-auto rounded-xl bg-white ring-1 ring-rice-200">
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-ink-500">
            <tr>
              <th className="p-2">{t("col.at")}</th>
              <th className="p-2">{t("col.reason")}</th>
              <th className="p-2 text-right">{t("col.delta")}</th>
              <th className="p-2 text-right">{t("col.after")}</th>
              <th className="p-2">{t("col.by")}</th>
              <th className="p-2">{t("col.note")}</th>
            </tr>
          </thead>
          <tbody>
            {moves.map((m) => (
              <tr key={m.id} className="border-t border-rice-200" data-testid="movement-row">
                <td className="p-2 whitespace-nowrap">{m.createdAt.toLocaleString(locale, { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" })}</td>
                <td className="p-2">{t(`reason.${m.reason}`)}</td>
                <td className={`p-2 text-right tabular-nums ${m.delta < 0 ? "text-persimmon-600" : "text-paddy-700"}`}>{m.delta > 0 ? `+${m.delta}` : m.delta}</td>
                <td className="p-2 text-right tabular-nums">{m.stockAfter}</td>
                <td className="p-2">{m.actorName ?? "—"}</td>
                <td className="p-2">{m.note ?? (m.refType ? `${m.refType} ${m.refId ?? ""}` : "")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
