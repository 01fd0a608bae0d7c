"use client";

import { useEffect, useRef, useState } from "react";

/**
 * Plays an HLS (.m3u8) or plain video URL: natively where the browser can (Safari, iOS), with hls.js
 * elsewhere (loaded only when needed). `seekTo` jumps the replay to a moment.
 */
export function VideoPlayer({
  src,
  poster,
  live,
  seekTo,
  label,
  notice,
  signalLost,
}: {
  src: string | null;
  poster?: string | null;
  live: boolean;
  seekTo?: { at: number; nonce: number };
  label: string;
  /** Shown over the cover when there is nothing to play yet ("直播还没开始 · 20:00 开播"). */
  notice?: string | null;
  /** Shown while a live stream is not coming through and the player keeps trying ("信号中断,稍后自动恢复"). */
  signalLost: string;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const [waiting, setWaiting] = useState(false);
  useEffect(() => {
    const el = video.current;
    if (!el || !src) return;
    setFailed(false);
    setWaiting(false);
    const playing = () => setWaiting(false);
    el.addEventListener("playing", playing);
    let destroy = () => {};
    let cancelled = false;
    const isHls = src.includes(".m3u8");
    // hls.js wherever Media Source Extensions exist (it retries a playlist that is not there yet); the
    // browser's own HLS only where they don't (iPhone Safari), retried on error while live.
    const mse = typeof window.MediaSource !== "undefined" || "ManagedMediaSource" in window;
    if (!isHls || !mse) {
      let retries = 0;
      el.onerror = () => {
        if (live && isHls && retries++ < 30) {
          setWaiting(true);
          setTimeout(() => !cancelled && ((el.src = src), void el.play().catch(() => {})), 2000);
        } else setFailed(true);
      };
      el.src = src;
    } else {
      void import("hls.js").then(({ default: Hls }) => {
        if (cancelled) return;
        if (!Hls.isSupported()) return setFailed(true);
        const hls = new Hls({ liveSyncDurationCount: 2, lowLatencyMode: live });
        // A broadcast that just started has no playlist for a few seconds: keep asking while it is live.
        let retries = 0;
        let stopped = false;
        hls.on(Hls.Events.ERROR, (_e, data) => {
          if (!data.fatal) return;
          if (live && data.type === Hls.ErrorTypes.NETWORK_ERROR && retries++ < 30) {
            setWaiting(true);
            setTimeout(() => !stopped && hls.loadSource(src), 2000);
          } else setFailed(true);
        });
        hls.loadSource(src);
        hls.attachMedia(el);
        destroy = () => {
          stopped = true;
          hls.destroy();
        };
      });
    }
    if (live) void el.play().catch(() => {});
    return () => {
      cancelled = true;
      el.onerror = null;
      el.removeEventListener("playing", playing);
      destroy();
    };
  }, [src, live]);
  useEffect(() => {
    if (seekTo && video.current) {
      video.current.currentTime = seekTo.at;
      void video.current.play().catch(() => {});
    }
  }, [seekTo]);
  return (
    <div className="relative aspect-video w-full overflow-hidden rounded-xl bg-ink-900">
      {src ? (
        <video
          ref={video}
          className="h-full w-full"
          poster={poster ?? undefined}
          controls
          playsInline
          muted={live}
          autoPlay={live}
          aria-label={label}
          data-testid="live-video"
        />
      ) : (
        // eslint-disable-next-line @next/next/no-img-element -- local cover
        <img src={poster ?? "/images/live/cover-hudun.svg"} alt="" className="h-full w-full object-cover" />
      )}
      {!src && notice ? (
        <p
          className="absolute inset-x-0 bottom-3 mx-auto w-fit rounded bg-ink-900/70 px-3 py-1 text-center text-sm text-white"
          data-testid="video-notice"
        >
          {notice}
        </p>
      ) : null}
      {src && live && (waiting || failed) ? (
        <p
          className="absolute inset-x-0 top-1/2 mx-auto w-fit -translate-y-1/2 rounded bg-ink-900/70 px-3 py-1 text-center text-sm text-white"
          data-testid="video-signal-lost"
        >
          {signalLost}
        </p>
      ) : null}
      {src && !live && failed ? (
        <p className="absolute inset-x-0 bottom-2 text-center text-xs text-white/80">⚠︎</p>
      ) : null}
    </div>
  );
}
