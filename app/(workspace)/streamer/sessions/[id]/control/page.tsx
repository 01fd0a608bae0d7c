import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { isAppError } from "@/lib/core/errors";
import { requireWorkspacePage } from "@/lib/auth";
import { buildSnapshot, commentFilters, getSessionForStreamer, liveFigures } from "@/lib/live";
import { serverNow } from "@/lib/system";
import { ControlRoom } from "../../../_components/control-room";
import {
  closeDropAction,
  endSessionAction,
  goLiveAction,
  openDropAction,
  pinAction,
  revealAction,
  setCommentFiltersAction,
  unpinAction,
} from "../../../actions";
import { deleteCommentAction, muteCommenterAction } from "@/app/(shop)/live/actions";
import { CommentFiltersForm } from "@/components/live/comment-filters-form";

export const generateMetadata = titled("streamerControl");

export default async function ControlRoomPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireWorkspacePage("streamer");
  const { id } = await params;
  const load = async () => {
    const session = await getSessionForStreamer(viewer, id);
    const [figures, snapshot] = await Promise.all([liveFigures(viewer, id), buildSnapshot(id, serverNow())]);
    return { session, figures, snapshot };
  };
  const { session, figures, snapshot } = await load().catch((err: unknown) => {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  if (!snapshot) notFound();
  const [locale, t, filters] = await Promise.all([
    getLocale(),
    getTranslations("streamer"),
    commentFilters(viewer.userId),
  ]);
  return (
    <div className="mx-auto flex w-full max-w-xl flex-col gap-4">
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-lg font-bold">{session.title}</h1>
        <Link href={`/streamer/sessions/${id}`} className="text-sm text-paddy-700 underline">
          {t("setup")}
        </Link>
      </div>
      <ControlRoom
        initial={snapshot}
        figures={figures}
        locale={locale}
        serverNow={serverNow().getTime()}
        actions={{
          goLive: goLiveAction,
          end: endSessionAction,
          pin: pinAction,
          unpin: unpinAction,
          reveal: revealAction,
          openDrop: openDropAction,
          closeDrop: closeDropAction,
          deleteComment: deleteCommentAction,
          muteCommenter: muteCommenterAction,
        }}
      />
      <CommentFiltersForm action={setCommentFiltersAction} words={filters} testId="streamer-filters" />
    </div>
  );
}
