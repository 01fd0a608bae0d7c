import Link from "next/link";
import { useTranslations } from "next-intl";
import type { CatalogQuery } from "@/lib/catalog/contract";
import { catalogHref } from "./catalog-href";

const step = "min-h-10 rounded-lg bg-white px-4 py-2.5 ring-1 ring-rice-200 hover:ring-paddy-500";

/** Previous / page N of M / next; every link keeps the search and filters. */
export function Pagination({
  basePath,
  query,
  page,
  pages,
}: {
  basePath: string;
  query: CatalogQuery;
  page: number;
  pages: number;
}) {
  const t = useTranslations("catalog");
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("pages")} className="flex items-center justify-center gap-3 text-sm" data-testid="pagination">
      {page > 1 ? (
        <Link href={catalogHref(basePath, query, { page: page - 1 })} rel="prev" className={step}>
          {t("prev")}
        </Link>
      ) : null}
      <span aria-current="page">{t("pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link href={catalogHref(basePath, query, { page: page + 1 })} rel="next" className={step}>
          {t("next")}
        </Link>
      ) : null}
    </nav>
  );
}
