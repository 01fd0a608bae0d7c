"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { Countdown } from "@/components/ui/countdown";
import { Notice } from "@/components/ui/notice";
import type { TeamViewDto } from "@/lib/group-buys/contract";

type LiveView = Pick<
  TeamViewDto,
  "id" | "status" | "size" | "seats" | "missing" | "expiresAt" | "serverNow" | "members" | "mine"
>;

const hues = [
  "bg-paddy-600",
  "bg-persimmon-500",
  "bg-sky-600",
  "bg-amber-600",
  "bg-violet-600",
  "bg-rose-600",
  "bg-teal-600",
  "bg-ink-700",
];
const POLL_MS = 2_000;

/**
 * The part of the team page that changes while the team forms: members (masked), "还差 N 人成团", the time
 * left and the outcome. It polls the team's JSON every two seconds (works across instances, behind any
 * proxy) until the team ends, and refreshes the page around it when the status changes.
 */
export function TeamLive({ initial }: { initial: LiveView }) {
  const t = useTranslations("teams");
  const router = useRouter();
  const [view, setView] = useState(initial);
  const status = useRef(initial.status);

  useEffect(() => {
    if (view.status !== "forming") return;
    let stopped = false;
    const tick = async () => {
      try {
        const res = await fetch(`/api/teams/${initial.id}`, {
          cache: "no-store",
          headers: { accept: "application/json" },
        });
        if (res.ok && !stopped) {
          const next = (await res.json()) as LiveView;
          setView(next);
          if (next.status !== status.current) {
            status.current = next.status;
            router.refresh();
          }
        }
      } catch {
        // offline for a moment: the next tick tries again
      }
    };
    const id = setInterval(tick, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(id);
    };
  }, [initial.id, view.status, router]);

  const empty = Math.max(0, view.size - view.members.length);
  const mine = view.mine;
  return (
    <section
      className="flex flex-col gap-3 rounded-xl bg-white p-4 ring-1 ring-rice-200"
      data-testid="team-live"
      aria-live="polite"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span
          className="rounded-full bg-rice-100 px-3 py-1 text-sm font-medium"
          data-testid="team-status"
          data-status={view.status}
        >
          {t(`status.${view.status}`)}
        </span>
        {view.status === "forming" ? (
          <span className="text-sm text-ink-700">
            {t("timeLeft")}{" "}
            <Countdown
              endsAt={view.expiresAt}
              serverNow={view.serverNow}
              doneLabel={t("expired")}
              testId="team-countdown"
            />
          </span>
        ) : null}
      </div>
      {view.status === "forming" ? (
        <p className="text-lg font-semibold text-persimmon-600" data-testid="team-missing" data-missing={view.missing}>
          {t("missing", { n: view.missing })}
        </p>
      ) : null}
      <ul className="flex flex-wrap gap-3" aria-label={t("members")}>
        {view.members.map((m) => (
          <li
            key={m.seat}
            className="flex w-16 flex-col items-center gap-1 text-center text-xs"
            data-testid="team-member"
            data-pending={m.pending ? "1" : "0"}
          >
            <span
              className={cn(
                "flex size-11 items-center justify-center rounded-full text-base font-semibold text-white",
                hues[m.hue] ?? hues[0],
                m.pending && "opacity-50",
              )}
              aria-hidden
            >
              {m.initial}
            </span>
            <span className="w-full truncate">{m.you ? t("you") : m.maskedName}</span>
            {m.leader ? (
              <span className="text-[10px] text-paddy-700">{t("leader")}</span>
            ) : m.pending ? (
              <span className="text-[10px] text-ink-500">{t("waitingPayment")}</span>
            ) : null}
          </li>
        ))}
        {view.status === "forming"
          ? Array.from({ length: empty }, (_, i) => (
              <li key={`empty-${i}`} className="flex w-16 flex-col items-center gap-1 text-center text-xs text-ink-500">
                <span
                  className="flex size-11 items-center justify-center rounded-full border-2 border-dashed border-rice-200 text-lg"
                  aria-hidden
                >
                  ?
                </span>
                <span>{t("emptySeat")}</span>
              </li>
            ))
          : null}
      </ul>
      {view.status === "completed" ? (
        <Notice tone="success">{mine && mine.status !== "dropped" ? t("completedMine") : t("completedOther")}</Notice>
      ) : null}
      {view.status === "failed" ? <Notice tone="error">{mine ? t("failedMine") : t("failedOther")}</Notice> : null}
      {view.status === "forming" && mine?.status === "joined" ? <Notice>{t("joinedMine")}</Notice> : null}
      {mine?.status === "dropped" && view.status !== "failed" ? <Notice tone="error">{t("droppedMine")}</Notice> : null}
      {mine ? (
        <Link
          href={`/orders/${mine.orderNumber}`}
          className="text-sm font-medium text-paddy-700 underline"
          data-testid="team-order-link"
        >
          {t("viewOrder", { number: mine.orderNumber })}
        </Link>
      ) : null}
    </section>
  );
}
