import { titled } from "@/lib/i18n/server";
import { getTranslations } from "next-intl/server";
import { requireViewerPage } from "@/lib/auth";
import { documentRefFor, listMyApplications } from "@/lib/joining";
import { applyCoopAction } from "../actions";
import { CoopForm } from "../_components/coop-form";
import { OpenApplicationNote, openOf } from "../_components/open-application";

export const generateMetadata = titled("applyCoop");

export default async function ApplyCoopPage() {
  const viewer = await requireViewerPage();
  const [t, mine] = await Promise.all([getTranslations("apply"), listMyApplications(viewer)]);
  const open = openOf(mine, "coop");
  // Only our own uploads can travel as references; anything else (the demo's pictures) is uploaded again.
  const docs = (paths: string[]) =>
    paths
      .filter((p) => /^\/uploads\/[a-z0-9]{24}\.webp$/.test(p))
      .map((path) => ({ path, ref: documentRefFor(viewer.userId, path) }));
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <h1 className="text-xl font-bold">{t("coop.title")}</h1>
      <p className="text-sm text-ink-700">{t("blurb.coop")}</p>
      <OpenApplicationNote application={open} />
      {open?.status === "pending" ? null : (
        <CoopForm
          action={applyCoopAction}
          applicationId={open?.id}
          initial={open?.details}
          documents={open ? { licence: docs([open.details.licence]), photos: docs(open.details.photos) } : undefined}
        />
      )}
    </div>
  );
}
