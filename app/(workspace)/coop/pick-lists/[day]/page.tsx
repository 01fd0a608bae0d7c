import { titled } from "@/lib/i18n/server";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import { requireWorkspacePage } from "@/lib/auth";
import { pick } from "@/lib/i18n/locales";
import { getPickList } from "@/lib/orders";
import { dispatchBatchAction } from "../actions";
import { PrintButton } from "@/components/ui/print-button";

export const generateMetadata = titled("coopPickList");

export default async function PickListPage({
  params,
  searchParams,
}: {
  params: Promise<{ day: string }>;
  searchParams: Promise<{ coop?: string }>;
}) {
  const viewer = await requireWorkspacePage("coop");
  const [{ day }, sp] = await Promise.all([params, searchParams]);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) notFound();
  const coopId = viewer.caps.coopIds.includes(sp.coop ?? "") ? sp.coop! : viewer.caps.coopIds[0]!;
  const [locale, t, list] = await Promise.all([
    getLocale(),
    getTranslations("pickList"),
    getPickList(viewer, coopId, day),
  ]);
  return (
    <div className="flex flex-col gap-4" data-testid="pick-list">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-bold">{t("dayTitle", { day })}</h1>
        <div className="no-print flex gap-2">
          <PrintButton label={t("print")} />
          <a
            href={`/coop/pick-lists/${day}/export?coop=${coopId}`}
            className="rounded-lg bg-white px-3 py-1 text-sm ring-1 ring-rice-200"
            data-testid="pick-csv"
          >
            CSV
          </a>
        </div>
      </div>
      {list.stations.length === 0 ? <p>{t("none")}</p> : null}
      {list.stations.map((st) => (
        <section
          key={st.batchId}
          className="break-inside-avoid rounded-xl bg-white p-4 ring-1 ring-rice-200"
          data-testid="pick-station"
        >
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="font-semibold">{pick(locale, st.stationNameZh, st.stationNameEn)}</h2>
            <span className="text-xs text-ink-500" data-testid="batch-status">
              {t(`batch.${st.batchStatus}`)}
            </span>
          </div>
          <p className="text-xs text-ink-500">{st.stationAddressZh}</p>
          <h3 className="mt-2 text-sm font-medium">{t("totals")}</h3>
          <ul className="text-sm">
            {st.totals.map((x) => (
              <li key={`${x.productNameZh}-${x.variantLabelZh}`}>
                {pick(locale, x.productNameZh, x.productNameEn)} · {pick(locale, x.variantLabelZh, x.variantLabelEn)} ×{" "}
                <strong>{x.quantity}</strong>
              </li>
            ))}
          </ul>
          <h3 className="mt-2 text-sm font-medium">{t("bags")}</h3>
          <table className="w-full text-sm">
            <tbody>
              {st.bags.map((b) => (
                <tr key={b.number} className="border-t border-rice-200 align-top">
                  <td className="py-1 pr-2 font-mono text-xs">{b.number}</td>
                  <td className="py-1 pr-2">{b.buyerName}</td>
                  <td className="py-1">
                    {b.items.map((i) => `${i.productNameZh} ${i.variantLabelZh} ×${i.quantity}`).join(",")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {st.batchStatus === "locked" ? (
            <div className="no-print mt-3">
              <ActionButton
                action={dispatchBatchAction}
                fields={{ batchId: st.batchId, day }}
                label={t("dispatch")}
                variant="primary"
                testId="dispatch-batch"
              />
            </div>
          ) : st.batchStatus === "open" ? (
            <p className="no-print mt-2 text-xs text-ink-500">{t("stillOpen")}</p>
          ) : null}
        </section>
      ))}
    </div>
  );
}
