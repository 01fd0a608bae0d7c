import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { AgreementDto } from "@/lib/agreements/contract";
import { formatDay } from "@/lib/i18n/format-day";
import { pick } from "@/lib/i18n/locales";
import { AgreementStatus } from "./agreement-status";

/** Agreements as cards linking to their page: who with whom, status, rate and period, products. */
export function AgreementList({
  agreements,
  href,
  viewerSide,
}: {
  agreements: AgreementDto[];
  href: (a: AgreementDto) => string;
  viewerSide: "streamer" | "coop";
}) {
  const t = useTranslations("agreements");
  const locale = useLocale();
  if (!agreements.length) return <p className="text-sm text-ink-500">{t("empty")}</p>;
  return (
    <ul className="flex flex-col gap-2">
      {agreements.map((a) => (
        <li key={a.id}>
          <Link
            href={href(a)}
            className="flex flex-col gap-1 rounded-xl bg-white p-3 text-sm ring-1 ring-rice-200 hover:ring-paddy-500"
            data-testid="agreement-card"
            data-agreement-id={a.id}
          >
            <span className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-medium">
                {viewerSide === "streamer" ? pick(locale, a.coopNameZh, a.coopNameEn) : a.streamerName}
              </span>
              <AgreementStatus agreement={a} />
            </span>
            <span className="text-ink-700">
              {t("terms", {
                rate: a.rateBps / 10_000,
                starts: formatDay(a.startsOn, locale),
                ends: formatDay(a.endsOn, locale),
              })}
            </span>
            <span className="text-xs text-ink-500">
              {a.allProducts ? t("allProducts") : t("someProducts", { count: a.products.length })}
              {(a.status === "proposed" || a.status === "countered") && a.awaiting
                ? ` · ${a.awaiting === viewerSide ? t("yourTurn") : t(`awaiting.${a.awaiting}`)}`
                : null}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
