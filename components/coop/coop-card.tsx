import Link from "next/link";
import type { CoopCardDto } from "@/lib/catalog/contract";
import { pick, type Locale } from "@/lib/i18n/locales";

export function CoopCard({
  coop,
  locale,
  productsLabel,
}: {
  coop: CoopCardDto;
  locale: Locale;
  productsLabel: string;
}) {
  return (
    <Link
      href={`/coops/${coop.slug}`}
      className="flex items-center gap-3 rounded-xl bg-white p-3 ring-1 ring-rice-200 hover:shadow-md"
      data-testid="coop-card"
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- local SVG */}
      <img
        src={coop.imagePath ?? "/images/placeholder.svg"}
        alt=""
        width={56}
        height={56}
        className="size-14 shrink-0 rounded-lg bg-rice-100"
      />
      <div className="min-w-0">
        <p className="truncate font-medium">{pick(locale, coop.nameZh, coop.nameEn)}</p>
        <p className="truncate text-xs text-ink-500">{pick(locale, coop.villageZh, coop.villageEn)}</p>
        <p className="text-xs text-paddy-700">{productsLabel}</p>
      </div>
    </Link>
  );
}
