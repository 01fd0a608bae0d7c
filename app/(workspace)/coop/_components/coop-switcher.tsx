import Link from "next/link";
import type { CoopOptionDto } from "@/lib/catalog/contract";
import { pick, type Locale } from "@/lib/i18n/locales";

/** For members of several cooperatives: which one the page shows (`?coop=`). Hidden for members of one. */
export function CoopSwitcher({
  coops,
  currentId,
  basePath,
  label,
  locale,
}: {
  coops: CoopOptionDto[];
  currentId: string;
  basePath: string;
  label: string;
  locale: Locale;
}) {
  if (coops.length < 2) return null;
  return (
    <nav aria-label={label} className="flex flex-wrap gap-2 text-sm" data-testid="coop-switcher">
      {coops.map((c) => (
        <Link
          key={c.id}
          href={`${basePath}?coop=${encodeURIComponent(c.id)}`}
          aria-current={c.id === currentId ? "true" : undefined}
          className={c.id === currentId ? "font-semibold text-paddy-700 underline" : "text-ink-700 hover:underline"}
        >
          {pick(locale, c.nameZh, c.nameEn)}
        </Link>
      ))}
    </nav>
  );
}
