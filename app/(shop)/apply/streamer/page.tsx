import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { requireViewerPage } from "@/lib/auth";
import { listMyApplications } from "@/lib/joining";
import { applyStreamerAction } from "../actions";
import { OpenApplicationNote, openOf } from "../_components/open-application";
import { StreamerForm } from "../_components/streamer-form";

export const generateMetadata = titled("applyStreamer");

export default async function ApplyStreamerPage() {
  const viewer = await requireViewerPage();
  const [t, mine] = await Promise.all([getTranslations("apply"), listMyApplications(viewer)]);
  const open = openOf(mine, "streamer");
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <h1 className="text-xl font-bold">{t("streamer.title")}</h1>
      <p className="text-sm text-ink-700">{t("blurb.streamer")}</p>
      {viewer.caps.streamer ? (
        <Notice>
          {t("alreadyStreamer")}{" "}
          <Link href="/streamer" className="underline">
            {t("workspace.streamer")}
          </Link>
        </Notice>
      ) : (
        <>
          <OpenApplicationNote application={open} />
          {open?.status === "pending" ? null : (
            <StreamerForm action={applyStreamerAction} applicationId={open?.id} initial={open?.details} />
          )}
        </>
      )}
    </div>
  );
}
