"use client";

import { useEffect, useRef, useState } from "react";

/**
 * Plays an HLS (.m3u8) or plain video URL: natively where the browser can (Safari, iOS), with hls.js
 * elsewhere (loaded only when needed). `seekTo` jumps the replay to a moment.
 */
export function VideoPlayer({ src, poster, live, seekTo, label }: { src: string | null; poster?: string | null; live: boolean; seekTo?: { at: number; nonce: number }; label: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const el = video.current;
    if (!el || !src) return;
    setFailed(false);
    let destroy = () => {};
    const isHls = src.includes(".m3u8");
    if (!isHls || el.canPlayType("application/vnd.apple.mpegurl")) {
      el.src = src;
    } else {
      void import("hls.js").then(({ default: Hls }) => {
        if (!Hls.isSupported()) return setFailed(true);
        const hls = new Hls({ liveSyncDurationCount: 2, lowLatencyMode: live });
        hls.on(Hls.Events.ERROR, (_e, data) => data.fatal && setFailed(true));
        hls.loadSource(src);
        hls.attachMedia(el);
        destroy = () => hls.destroy();
      });
    }
    if (live) void el.play().catch(() => {});
    return () => destroy();
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
        <video ref={video} className="h-full w-full" poster={poster ?? undefined} controls playsInline muted={live} autoPlay={live} aria-label={label} data-testid="live-video" />
      ) : (
        // eslint-disable-next-line @next/next/no-img-element -- local cover
        <img src={poster ?? "/images/live/cover-hudun.svg"} alt="" className="h-full w-full object-cover" />
      )}
      {failed ? <p className="absolute inset-x-0 bottom-2 text-center text-xs text-white/80">⚠︎</p> : null}
    </div>
  );
}
