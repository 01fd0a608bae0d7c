import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import { Section } from "@/components/ui/section";
import { getViewer } from "@/lib/auth";
import { listLiveSessions, type LiveCardDto } from "@/lib/live";
import { remindMeAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("live"))("title") };
}

export default async function LivePage() {
  const viewer = await getViewer();
  const [format, t, lists] = await Promise.all([getFormatter(), getTranslations("live"), listLiveSessions(viewer)]);
  const when = (d: Date) => format.dateTime(d, "medium");
  const card = (s: LiveCardDto, extra?: React.ReactNode) => (
    <li
      key={s.id}
      className="overflow-hidden rounded-xl bg-white ring-1 ring-rice-200"
      data-testid={`live-card-${s.status}`}
    >
      <Link href={`/live/${s.id}`}>
        {/* eslint-disable-next-line @next/next/no-img-element -- local cover */}
        <img
          src={s.coverImagePath ?? "/images/live/cover-hudun.svg"}
          alt=""
          width={640}
          height={360}
          className="aspect-video w-full object-cover"
        />
        <div className="p-3">
          <p className="font-medium">{s.title}</p>
          <p className="text-xs text-ink-500">
            {s.streamerName} · {s.status === "live" ? t("liveNow") : when(s.scheduledAt)}
          </p>
        </div>
      </Link>
      {extra ? <div className="px-3 pb-3">{extra}</div> : null}
    </li>
  );
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      <Section title={t("liveNow")}>
        {lists.live.length ? (
          <ul className="grid gap-3 sm:grid-cols-2">{lists.live.map((s) => card(s))}</ul>
        ) : (
          <p className="text-sm text-ink-700">{t("noneLive")}</p>
        )}
      </Section>
      <Section title={t("upcoming")}>
        <ul className="grid gap-3 sm:grid-cols-2">
          {lists.upcoming.map((s) =>
            card(
              s,
              <span className="flex flex-wrap items-center gap-3">
                {s.reminded ? (
                  <span className="text-sm text-paddy-700" data-testid="reminded">
                    {t("reminded")}
                  </span>
                ) : viewer ? (
                  <ActionButton
                    action={remindMeAction}
                    fields={{ sessionId: s.id }}
                    label={t("remindMe")}
                    testId="remind-me"
                  />
                ) : (
                  <Link href={`/login?callbackUrl=%2Flive`} className="text-sm text-paddy-700 underline">
                    {t("remindMe")}
                  </Link>
                )}
                {/* A file download, not a page: a plain link. */}
                <a
                  href={`/live/${s.id}/calendar.ics`}
                  className="text-sm text-paddy-700 underline"
                  data-testid="add-to-calendar"
                  download
                >
                  {t("addToCalendar")}
                </a>
              </span>,
            ),
          )}
        </ul>
      </Section>
      <Section title={t("replays")}>
        <ul className="grid gap-3 sm:grid-cols-2">{lists.replays.map((s) => card(s))}</ul>
      </Section>
    </div>
  );
}
