import { notFound } from "next/navigation";
import { getFormatter, getLocale } from "next-intl/server";
import { LiveRoom } from "@/components/live/live-room";
import { likeAction, postCommentAction } from "../actions";
import { getViewer } from "@/lib/auth";
import { pick } from "@/lib/i18n/locales";
import { buildSnapshot, getLiveRoom } from "@/lib/live";
import { listActiveStations } from "@/lib/stations";
import { formatDay } from "@/lib/i18n/format-day";
import { serverNow } from "@/lib/system";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const room = await getLiveRoom((await params).id);
  return room ? { title: room.title } : {};
}

export default async function LiveSessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const at = serverNow();
  const [room, snapshot, viewer, locale, format, stations] = await Promise.all([
    getLiveRoom(id),
    buildSnapshot(id, at),
    getViewer(),
    getLocale(),
    getFormatter(),
    listActiveStations(),
  ]);
  if (!room || !snapshot) notFound();
  return (
    <article className="mx-auto flex w-full max-w-xl flex-col gap-3">
      <h1 className="text-lg font-bold">{room.title}</h1>
      <p className="text-xs text-ink-500">{room.streamerName}</p>
      <LiveRoom
        postComment={postCommentAction}
        like={likeAction}
        initial={snapshot}
        playbackUrl={room.playbackUrl}
        replayUrl={room.replayUrl}
        poster={room.coverImagePath}
        locale={locale}
        serverNow={at.getTime()}
        stations={stations.map((s) => ({ id: s.id, name: pick(locale, s.nameZh, s.nameEn) }))}
        signedIn={Boolean(viewer)}
        loginHref={`/login?callbackUrl=${encodeURIComponent(`/live/${id}`)}`}
        scheduledLabel={`${formatDay(room.scheduledAt, locale)} ${format.dateTime(room.scheduledAt, "clock")}`}
        timeline={room.timeline.map((e) => ({
          productId: e.productId,
          slug: e.slug,
          name: pick(locale, e.nameZh, e.nameEn),
          offsetSeconds: e.offsetSeconds,
          openDropId: e.openDropId,
        }))}
      />
      {room.description ? <p className="whitespace-pre-line text-sm text-ink-700">{room.description}</p> : null}
    </article>
  );
}
