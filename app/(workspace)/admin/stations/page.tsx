import { titled } from "@/lib/i18n/server";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import { cn } from "@/components/ui/cn";
import { listStationManagers, requireWorkspacePage } from "@/lib/auth";
import { pick } from "@/lib/i18n/locales";
import { listAllStations } from "@/lib/stations";
import { StationForm } from "./_components/station-form";
import { AssignManagerForm } from "./_components/assign-manager-form";
import {
  assignManagerAction,
  createStationAction,
  removeManagerAction,
  setStationStatusAction,
  updateStationAction,
} from "./actions";

export const generateMetadata = titled("adminStations");

export default async function AdminStationsPage() {
  const viewer = await requireWorkspacePage("admin");
  const [locale, t, stations, managers] = await Promise.all([
    getLocale(),
    getTranslations("adminStations"),
    listAllStations(),
    listStationManagers(viewer),
  ]);
  return (
    <div className="flex flex-col gap-6" data-testid="admin-stations">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      {stations.map((s) => (
        <details key={s.id} className="rounded-xl bg-white p-4 ring-1 ring-rice-200" data-testid="admin-station">
          <summary className="flex cursor-pointer flex-wrap items-center gap-2">
            <span className="font-medium">{pick(locale, s.nameZh, s.nameEn)}</span>
            <span className={cn("text-xs", s.status === "active" ? "text-paddy-700" : "text-persimmon-600")}>
              {t(`status.${s.status}`)}
            </span>
          </summary>
          <div className="mt-3 flex flex-col gap-4">
            <ActionButton
              action={setStationStatusAction}
              fields={{ stationId: s.id, status: s.status === "active" ? "suspended" : "active" }}
              label={s.status === "active" ? t("suspend") : t("reopen")}
              variant={s.status === "active" ? "danger" : "secondary"}
              confirm={
                s.status === "active" ? t("suspendConfirm", { name: pick(locale, s.nameZh, s.nameEn) }) : undefined
              }
            />
            <div className="flex flex-col gap-2">
              <h3 className="text-sm font-semibold">{t("managers")}</h3>
              <ul className="text-sm">
                {managers
                  .filter((m) => m.stationId === s.id)
                  .map((m) => (
                    <li key={m.id} className="flex items-center gap-2">
                      {m.name} <span className="text-xs text-ink-500">{m.email}</span>
                      <ActionButton
                        action={removeManagerAction}
                        fields={{ id: m.id }}
                        label={t("remove")}
                        variant="ghost"
                        confirm={t("removeConfirm", { name: m.name })}
                      />
                    </li>
                  ))}
              </ul>
              <AssignManagerForm action={assignManagerAction} stationId={s.id} />
            </div>
            <StationForm action={updateStationAction} station={s} />
          </div>
        </details>
      ))}
      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="mb-2 font-semibold">{t("new")}</h2>
        <StationForm action={createStationAction} />
      </section>
    </div>
  );
}
