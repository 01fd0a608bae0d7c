import Link from "next/link";
import { useTranslations } from "next-intl";
import { categories, type CatalogQuery } from "@/lib/catalog/contract";
import { catalogHref } from "./catalog-href";

const chip = "shrink-0 rounded-full px-3 py-1.5 text-sm whitespace-nowrap";
const on = `${chip} bg-paddy-600 text-white`;
const off = `${chip} bg-white text-ink-700 ring-1 ring-rice-200 hover:ring-paddy-500`;

/** One tap per category; the search and the other filters come along. */
export function CategoryChips({ query, active }: { query: CatalogQuery; active?: string }) {
  const t = useTranslations("catalog");
  const tc = useTranslations("categories");
  const keep = { ...query, category: undefined, page: 1 };
  return (
    <nav aria-label={t("categories")} className="-mx-3 overflow-x-auto px-3">
      <ul className="flex gap-2 pb-1">
        <li>
          <Link
            href={catalogHref("/products", keep)}
            className={active ? off : on}
            aria-current={active ? undefined : "page"}
            data-testid="category-all"
          >
            {t("all")}
          </Link>
        </li>
        {categories.map((c) => (
          <li key={c}>
            <Link
              href={catalogHref(`/categories/${c}`, keep)}
              className={active === c ? on : off}
              aria-current={active === c ? "page" : undefined}
              data-testid={`category-${c}`}
            >
              {tc(c)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
