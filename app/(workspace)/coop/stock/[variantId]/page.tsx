import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { requireWorkspacePage } from "@/lib/auth";
import { movementHistory } from "@/lib/inventory";
import type { MovementDto } from "@/lib/inventory/contract";
import { pick } from "@/lib/i18n/locales";
import { AdjustStockForm, ReceiveStockForm } from "../../_components/stock-forms";
import { orNotFound } from "../../_lib/or-not-found";
import { adjustStockAction, receiveStockAction } from "../actions";

export const generateMetadata = titled("coopStockHistory");

type T = Awaited<ReturnType<typeof getTranslations<"coopCatalog">>>;
type Format = Awaited<ReturnType<typeof getFormatter>>;

export default async function StockHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ variantId: string }>;
  searchParams: Promise<{ before?: string }>;
}) {
  const viewer = await requireWorkspacePage("coop");
  const [{ variantId }, sp] = await Promise.all([params, searchParams]);
  const before = /^\d{1,15}$/.test(sp.before ?? "") ? Number(sp.before) : undefined;
  const { variant: v, movements, olderThan } = await orNotFound(movementHistory(viewer, variantId, { before }));
  const [locale, format, t] = await Promise.all([getLocale(), getFormatter(), getTranslations("coopCatalog")]);
  const here = `/coop/stock/${v.id}`;
  const coopQuery = `coop=${encodeURIComponent(v.coopId)}`;
  return (
    <div className="flex flex-col gap-4" data-testid="stock-history">
      <Link href={`/coop/stock?${coopQuery}`} className="text-sm text-paddy-700">
        {t("movements.back")}
      </Link>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-bold break-words">{t("movements.title")}</h1>
          <p className="text-sm text-ink-700">
            <Link href={`/coop/products/${v.productId}?${coopQuery}`} className="underline">
              {pick(locale, v.productNameZh, v.productNameEn)}
            </Link>{" "}
            · {pick(locale, v.labelZh, v.labelEn)} · <span className="text-ink-500">{v.sku}</span>
            {v.status === "archived" ? <span className="text-ink-500"> · {t("stock.archived")}</span> : null}
          </p>
        </div>
        <div className="text-right">
          <p className="text-xs text-ink-500">{t("stock.current")}</p>
          <p className="text-2xl font-bold tabular-nums" data-testid="stock-now">
            {v.stock}
          </p>
        </div>
      </div>
      <section className="grid gap-4 rounded-xl bg-white p-4 ring-1 ring-rice-200 sm:grid-cols-2">
        {v.status === "active" ? (
          <ReceiveStockForm action={receiveStockAction} variantId={v.id} testId="receive" />
        ) : null}
        <AdjustStockForm action={adjustStockAction} variantId={v.id} testId="adjust" />
      </section>
      {movements.length === 0 ? <p className="text-sm text-ink-700">{t("movements.empty")}</p> : null}
      <ol className="flex flex-col divide-y divide-rice-200 rounded-xl bg-white ring-1 ring-rice-200">
        {movements.map((m) => (
          <MovementRow key={m.id} movement={m} format={format} t={t} />
        ))}
      </ol>
      <nav className="flex justify-between text-sm">
        {before ? (
          <Link href={here} className="text-paddy-700 underline">
            {t("movements.newest")}
          </Link>
        ) : (
          <span />
        )}
        {olderThan ? (
          <Link href={`${here}?before=${olderThan}`} className="text-paddy-700 underline" data-testid="older">
            {t("movements.older")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

function MovementRow({ movement: m, format, t }: { movement: MovementDto; format: Format; t: T }) {
  const reference = m.reference
    ? m.reference.type === "order"
      ? t("movements.reference.order", { label: m.reference.label })
      : m.reference.type === "drop"
        ? t("movements.reference.drop", { label: m.reference.label })
        : t("movements.reference.other", { type: m.reference.type, label: m.reference.label })
    : null;
  return (
    <li className="flex flex-col gap-1 p-3 text-sm" data-testid="movement-row">
      <div className="flex items-baseline justify-between gap-3">
        <span className="font-medium">{t(`movements.reason.${m.reason}`)}</span>
        <span
          className={cn("text-base font-semibold tabular-nums", m.delta < 0 ? "text-persimmon-600" : "text-paddy-700")}
          data-testid="movement-delta"
        >
          {m.delta > 0 ? `+${m.delta}` : m.delta}
        </span>
      </div>
      <div className="flex flex-wrap justify-between gap-x-3 text-xs text-ink-500">
        <time dateTime={m.createdAt.toISOString()}>{format.dateTime(m.createdAt, "medium")}</time>
        <span className="tabular-nums">{t("movements.after", { count: m.stockAfter })}</span>
      </div>
      <p className="text-xs text-ink-700">
        {t("movements.by", { name: m.actorName ?? t("movements.system") })}
        {reference ? ` · ${reference}` : null}
      </p>
      {m.note ? <p className="text-xs break-words whitespace-pre-line text-ink-700">{m.note}</p> : null}
    </li>
  );
}
