import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireWorkspacePage } from "@/lib/auth";
import { listBatchDays } from "@/lib/orders";

export const generateMetadata = titled("coopPickLists");

export default async function PickListsPage({ searchParams }: { searchParams: Promise<{ coop?: string }> }) {
  const viewer = await requireWorkspacePage("coop");
  const sp = await searchParams;
  const coopId = viewer.caps.coopIds.includes(sp.coop ?? "") ? sp.coop! : viewer.caps.coopIds[0]!;
  const [t, days] = await Promise.all([getTranslations("pickList"), listBatchDays(viewer, coopId)]);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      {days.length === 0 ? <p className="text-ink-700">{t("none")}</p> : null}
      <ul className="divide-y divide-rice-200 rounded-xl bg-white ring-1 ring-rice-200">
        {days.map((d) => (
          <li key={d.day}>
            <Link
              href={`/coop/pick-lists/${d.day}?coop=${coopId}`}
              className="flex justify-between p-3 text-sm hover:bg-rice-50"
              data-testid={`pick-day-${d.day}`}
            >
              <span className="font-medium">{d.day}</span>
              <span className="text-ink-500">{t("dayCounts", { stations: d.batches, orders: d.orders })}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
