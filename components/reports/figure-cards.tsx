import { useFormatter, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

export interface FigureCard {
  key: string;
  label: string;
  /** Already formatted (money, a count, a share). */
  value: string;
  /** The same figure's change against the period before, as a fraction (null: nothing to compare with). */
  change?: number | null;
}

/** The period's headline figures, each with its change against the period before. */
export function FigureCards({ cards }: { cards: FigureCard[] }) {
  const t = useTranslations("reports");
  const format = useFormatter();
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      {cards.map((c) => (
        <div key={c.key} className="rounded-xl bg-white p-3 ring-1 ring-rice-200" data-testid={`figure-${c.key}`}>
          <dt className="text-xs text-ink-500">{c.label}</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="figure-value">
            {c.value}
          </dd>
          {c.change !== undefined ? (
            <dd className={cn("text-xs", (c.change ?? 0) < 0 ? "text-persimmon-600" : "text-ink-500")}>
              {c.change === null
                ? t("noPrevious")
                : t("vsPrevious", {
                    change: format.number(c.change, {
                      style: "percent",
                      maximumFractionDigits: 1,
                      signDisplay: "always",
                    }),
                  })}
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

/** The change from `before` to `now` as a fraction; null when there was nothing before. */
export const changeOf = (now: number, before: number): number | null => (before ? (now - before) / before : null);
