"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/contract";
import { COMMENT_MAX_CHARS, type LiveCommentDto } from "@/lib/live/contract";

export type PostComment = (input: {
  sessionId: string;
  body: string;
}) => Promise<ActionResult<LiveCommentDto & { shown: boolean }>>;
export type Like = (input: { sessionId: string }) => Promise<ActionResult<void>>;

/**
 * 弹幕 and 点赞 in the room, as two pieces the room places: `overlay`, the latest comments floating over the video on
 * a phone, and `panel`, the whole list (on a wider screen), the form and the like button. A muted viewer's own comments stay on their screen
 * (marked "only you"), as the server keeps them from everyone else.
 */
export function useLiveComments({
  sessionId,
  comments,
  likes,
  signedIn,
  loginHref,
  open,
  post,
  like,
}: {
  sessionId: string;
  comments: LiveCommentDto[];
  likes: number;
  signedIn: boolean;
  loginHref: string;
  /** Comments and likes are taken while the session is scheduled or live. */
  open: boolean;
  post: PostComment;
  like: Like;
}) {
  const t = useTranslations("live");
  const [mine, setMine] = useState<(LiveCommentDto & { shown: boolean })[]>([]);
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [tapped, setTapped] = useState({ base: likes, taps: 0 });
  if (tapped.base !== likes) setTapped({ base: likes, taps: 0 });
  const shownIds = new Set(comments.map((c) => c.id));
  const all = [...comments, ...mine.filter((m) => !m.shown && !shownIds.has(m.id))].sort((a, b) =>
    a.at.localeCompare(b.at),
  );
  const hidden = new Set(mine.filter((m) => !m.shown).map((m) => m.id));
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [all.length]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!body.trim() || sending) return;
    setSending(true);
    setError(null);
    const res = await post({ sessionId, body }).catch(() => null);
    setSending(false);
    if (!res) return setError(t("commentFailed"));
    if (!res.ok) return setError(res.fields?.body?.includes("blocked_word") ? t("commentBlocked") : res.message);
    setMine((m) => [...m, res.data]);
    setBody("");
  }

  const item = (c: LiveCommentDto) => (
    <li key={c.id} data-testid="comment" data-hidden={hidden.has(c.id) || undefined}>
      <span className="font-medium">{c.name}</span> {c.body}
      {hidden.has(c.id) ? <span className="text-xs opacity-70"> {t("onlyYou")}</span> : null}
    </li>
  );

  return {
    overlay: (
      <ol
        className="pointer-events-none absolute right-2 bottom-8 left-2 flex flex-col gap-0.5 text-xs text-white drop-shadow sm:hidden"
        aria-live="polite"
      >
        {all.slice(-5).map(item)}
      </ol>
    ),
    panel: (
      <section className="flex flex-col gap-2 rounded-xl bg-white p-3 ring-1 ring-rice-200" data-testid="comments">
        <div className="flex items-center justify-between">
          <h2 className="text-sm font-semibold">{t("comments")}</h2>
          <button
            type="button"
            className="rounded-full px-3 py-1 text-sm text-persimmon-600 ring-1 ring-persimmon-500/30 disabled:opacity-50"
            disabled={!signedIn || !open}
            onClick={() => {
              setTapped((x) => ({ ...x, taps: x.taps + 1 }));
              void like({ sessionId }).catch(() => {});
            }}
            data-testid="like"
            aria-label={t("like")}
          >
            ♥ <span data-testid="like-count">{likes + tapped.taps}</span>
          </button>
        </div>
        <ol ref={list} className="hidden max-h-48 flex-col gap-1 overflow-y-auto text-sm sm:flex" aria-live="polite">
          {all.map(item)}
        </ol>
        {!open ? null : signedIn ? (
          <form className="flex gap-2" onSubmit={submit}>
            <input
              name="body"
              value={body}
              onChange={(e) => setBody(e.target.value)}
              maxLength={COMMENT_MAX_CHARS * 2}
              placeholder={t("commentPlaceholder", { max: COMMENT_MAX_CHARS })}
              aria-label={t("comments")}
              className="min-w-0 flex-1 rounded-lg px-3 py-2 text-sm ring-1 ring-rice-200"
              data-testid="comment-input"
            />
            <button
              type="submit"
              disabled={sending || !body.trim()}
              className="rounded-lg bg-paddy-600 px-3 py-2 text-sm text-white disabled:opacity-50"
              data-testid="comment-send"
            >
              {t("send")}
            </button>
          </form>
        ) : (
          <a href={loginHref} className="text-sm text-paddy-700 underline">
            {t("signInToComment")}
          </a>
        )}
        {error ? (
          <p role="alert" className="text-xs text-persimmon-600" data-testid="comment-error">
            {error}
          </p>
        ) : null}
      </section>
    ),
  };
}
