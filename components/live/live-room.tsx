"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { LiveSnapshot } from "@/lib/live/contract";
import { useClockSkew } from "@/components/ui/countdown";
import { DropCard } from "./drop-card";
import { LiveProductCard } from "./product-card";
import { useLiveComments, type Like, type PostComment } from "./use-live-comments";
import { useLiveEvents } from "./use-live-events";
import { VideoPlayer } from "./video-player";

export interface TimelineEntry {
  productId: string;
  slug: string;
  name: string;
  offsetSeconds: number;
  openDropId: string | null;
}

/** The viewer's phone screen: video, pinned card, drops, bag, ticker, viewers — live, without reloads. */
export function LiveRoom({
  initial,
  playbackUrl,
  replayUrl,
  poster,
  locale,
  serverNow,
  stations,
  signedIn,
  loginHref,
  timeline,
  scheduledLabel,
  postComment,
  like,
}: {
  initial: LiveSnapshot;
  playbackUrl: string;
  replayUrl: string | null;
  poster: string | null;
  locale: Locale;
  serverNow: number;
  stations: { id: string; name: string }[];
  signedIn: boolean;
  loginHref: string;
  timeline: TimelineEntry[];
  /** When a scheduled session starts, as people read it ("12月3日(周四) 20:00"). */
  scheduledLabel: string;
  postComment: PostComment;
  like: Like;
}) {
  const t = useTranslations("live");
  const { state, connected } = useLiveEvents(initial.sessionId, initial);
  const skewMs = useClockSkew(serverNow);
  const [seek, setSeek] = useState<{ at: number; nonce: number } | undefined>();
  const ended = state.status === "ended";
  const router = useRouter();
  // The replay and its product timeline come from the server: fetch them once the broadcast ends.
  useEffect(() => {
    if (ended && initial.status !== "ended") router.refresh();
  }, [ended, initial.status, router]);
  const src = state.status === "live" ? playbackUrl : ended ? replayUrl : null;
  const drops = state.drops.filter((d) => d.status === "open" || d.unitsLeft <= 0);
  const comments = useLiveComments({
    sessionId: initial.sessionId,
    comments: state.comments,
    likes: state.likes,
    signedIn,
    loginHref,
    open: state.status === "scheduled" || state.status === "live",
    post: postComment,
    like,
  });
  const fmt = (sec: number) => `${Math.floor(sec / 60)}:${String(sec % 60).padStart(2, "0")}`;
  return (
    <div className="flex flex-col gap-3" data-testid="live-room" data-connected={connected}>
      <div className="relative">
        <VideoPlayer
          src={src}
          poster={poster}
          live={state.status === "live"}
          seekTo={seek}
          label={state.title}
          notice={state.status === "scheduled" ? t("notStarted", { when: scheduledLabel }) : null}
          signalLost={t("signalLost")}
        />
        <div className="absolute top-2 left-2 flex gap-2 text-xs">
          {state.status === "live" ? (
            <span className="rounded bg-persimmon-600 px-2 py-0.5 text-white">{t("liveBadge")}</span>
          ) : null}
          {ended ? (
            replayUrl ? (
              <span className="rounded bg-ink-900/60 px-2 py-0.5 text-white" data-testid="replay-badge">
                {t("replayBadge")}
              </span>
            ) : null
          ) : (
            <span className="rounded bg-ink-900/60 px-2 py-0.5 text-white" data-testid="viewer-count">
              {t("viewers", { count: state.viewers })}
            </span>
          )}
        </div>
        {comments.overlay}
        {state.ticker.count > 0 ? (
          <p
            className="absolute bottom-2 left-2 rounded bg-ink-900/60 px-2 py-0.5 text-xs text-white"
            data-testid="ticker"
          >
            {t("ticker", { names: state.ticker.buyers.join("、"), count: state.ticker.count })}
          </p>
        ) : null}
      </div>
      <p className="text-xs text-ink-500" data-testid="live-status" data-status={state.status}>
        {ended && !replayUrl ? t("status.endedNoReplay") : t(`status.${state.status}`)}
      </p>
      {comments.panel}
      {state.pinned ? (
        <LiveProductCard
          product={state.pinned}
          locale={locale}
          badge={t("explaining")}
          hiddenLabel={t("priceComing")}
          buyLabel={t("buy")}
        />
      ) : null}
      {drops.map((d) => (
        <DropCard
          key={d.id}
          drop={d}
          locale={locale}
          skewMs={skewMs}
          stations={stations}
          signedIn={signedIn}
          loginHref={loginHref}
        />
      ))}
      {ended && timeline.length ? (
        <section className="rounded-xl bg-white p-3 ring-1 ring-rice-200" data-testid="replay-timeline">
          <h2 className="mb-2 text-sm font-semibold">{t("timeline")}</h2>
          <ol className="flex flex-col gap-1 text-sm">
            {timeline.map((e, i) => (
              <li key={`${e.productId}-${i}`} className="flex items-center justify-between gap-2">
                <button
                  type="button"
                  className="text-left text-paddy-700 underline"
                  onClick={() => setSeek({ at: e.offsetSeconds, nonce: Date.now() })}
                  data-testid="timeline-jump"
                >
                  {fmt(e.offsetSeconds)} · {e.name}
                </button>
                <a href={`/products/${e.slug}`} className="text-xs text-ink-500 underline">
                  {t("viewProduct")}
                </a>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section className="flex flex-col gap-2">
        <h2 className="text-sm font-semibold">{t("bag", { count: state.bag.length })}</h2>
        {state.bag.map((p) => (
          <LiveProductCard
            key={p.productId}
            product={p}
            locale={locale}
            hiddenLabel={t("priceComing")}
            buyLabel={t("buy")}
            compact
          />
        ))}
      </section>
    </div>
  );
}
