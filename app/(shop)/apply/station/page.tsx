import { titled } from "@/lib/i18n/server";
import { getTranslations } from "next-intl/server";
import { requireViewerPage } from "@/lib/auth";
import { listMyApplications } from "@/lib/joining";
import { applyStationAction } from "../actions";
import { OpenApplicationNote, openOf } from "../_components/open-application";
import { StationForm } from "../_components/station-form";

export const generateMetadata = titled("applyStation");

export default async function ApplyStationPage() {
  const viewer = await requireViewerPage();
  const [t, mine] = await Promise.all([getTranslations("apply"), listMyApplications(viewer)]);
  const open = openOf(mine, "station");
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <h1 className="text-xl font-bold">{t("station.title")}</h1>
      <p className="text-sm text-ink-700">{t("blurb.station")}</p>
      <OpenApplicationNote application={open} />
      {open?.status === "pending" ? null : (
        <StationForm action={applyStationAction} applicationId={open?.id} initial={open?.details} />
      )}
    </div>
  );
}
