import { titled } from "@/lib/i18n/server";
import { getTranslations } from "next-intl/server";
import { AgreementList } from "@/components/agreements/agreement-list";
import { listAgreements, listProposableCoops, shanghaiToday } from "@/lib/agreements";
import { requireWorkspacePage } from "@/lib/auth";
import { ProposeForm } from "./_components/propose-form";
import { proposeAgreementAction } from "./actions";

export const generateMetadata = titled("agreements");

export default async function StreamerAgreementsPage() {
  const viewer = await requireWorkspacePage("streamer");
  const [t, agreements, coops] = await Promise.all([
    getTranslations("agreements"),
    listAgreements(viewer, "streamer"),
    listProposableCoops(viewer),
  ]);
  const today = shanghaiToday();
  return (
    <div className="flex flex-col gap-6" data-testid="streamer-agreements">
      <div className="flex flex-col gap-1">
        <h1 className="text-xl font-bold">{t("title")}</h1>
        <p className="text-sm text-ink-700">{t("streamerIntro")}</p>
      </div>
      <section className="flex flex-col gap-2">
        <h2 className="font-semibold">{t("mine")}</h2>
        <AgreementList agreements={agreements} viewerSide="streamer" href={(a) => `/streamer/agreements/${a.id}`} />
      </section>
      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="mb-3 font-semibold">{t("new")}</h2>
        <ProposeForm action={proposeAgreementAction} coops={coops} today={today.day} defaultEnd={today.plusDays(90)} />
      </section>
      <p className="text-xs text-ink-500">{t("liveNote")}</p>
    </div>
  );
}
