import { getLocale, getTranslations } from "next-intl/server";
import { PartyFinance } from "@/components/finance/party-finance";
import { requireWorkspacePage } from "@/lib/auth";
import { resolveWorkspaceCoop } from "@/lib/catalog";
import { partyFinance } from "@/lib/finance";
import { statementQuery } from "@/lib/finance/contract";
import { titled } from "@/lib/i18n/server";
import { pick } from "@/lib/i18n/locales";
import { startPayoutAccountAction } from "@/app/_actions/payout-account";
import { CoopSwitcher } from "../_components/coop-switcher";
import { orNotFound } from "../_lib/or-not-found";
import { statementLinks } from "@/app/(workspace)/_finance/statement-links";

export const generateMetadata = titled("coopFinance");

export default async function CoopFinancePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await requireWorkspacePage("coop");
  const sp = await searchParams;
  const { current, coops } = await orNotFound(resolveWorkspaceCoop(viewer, sp.coop));
  const party = { kind: "coop" as const, id: current.id };
  const [locale, t, tw, view] = await Promise.all([
    getLocale(),
    getTranslations("finance"),
    getTranslations("coopWs"),
    orNotFound(partyFinance(viewer, party, statementQuery.parse(sp))),
  ]);
  return (
    <div className="flex flex-col gap-4" data-testid="coop-finance">
      <h1 className="text-xl font-bold">
        {t("title.coop")} · {pick(locale, current.nameZh, current.nameEn)}
      </h1>
      <CoopSwitcher
        coops={coops}
        currentId={current.id}
        basePath="/coop/finance"
        label={tw("switchCoop")}
        locale={locale}
      />
      <PartyFinance
        view={view}
        links={statementLinks("/coop/finance", party, { coop: current.id })}
        startPayoutAccount={startPayoutAccountAction}
      />
    </div>
  );
}
