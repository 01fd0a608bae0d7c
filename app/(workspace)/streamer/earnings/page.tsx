import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PartyFinance } from "@/components/finance/party-finance";
import { requireWorkspacePage } from "@/lib/auth";
import { partyFinance } from "@/lib/finance";
import { statementQuery } from "@/lib/finance/contract";
import { titled } from "@/lib/i18n/server";
import { startPayoutAccountAction } from "@/app/_actions/payout-account";
import { statementLinks } from "@/app/(workspace)/_finance/statement-links";

export const generateMetadata = titled("streamerEarnings");

export default async function StreamerEarningsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await requireWorkspacePage("streamer");
  const party = { kind: "streamer" as const, id: viewer.userId };
  const [t, ts, view] = await Promise.all([
    getTranslations("finance"),
    getTranslations("streamer"),
    partyFinance(viewer, party, statementQuery.parse(await searchParams)),
  ]);
  return (
    <div className="flex flex-col gap-4" data-testid="streamer-earnings">
      <div className="no-print flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-bold">{t("title.streamer")}</h1>
        <Link href="/streamer" className="text-sm text-paddy-700 underline">
          {ts("title")}
        </Link>
      </div>
      <PartyFinance
        view={view}
        links={statementLinks("/streamer/earnings", party)}
        startPayoutAccount={startPayoutAccountAction}
      />
    </div>
  );
}
