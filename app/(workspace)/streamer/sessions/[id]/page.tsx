import { titled } from "@/lib/i18n/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import { isAppError } from "@/lib/core/errors";
import { requireWorkspacePage } from "@/lib/auth";
import { listCarriedProducts } from "@/lib/agreements";
import { listCoops } from "@/lib/catalog";
import { pick } from "@/lib/i18n/locales";
import { getSessionForStreamer } from "@/lib/live";
import { formatDay } from "@/lib/i18n/format-day";
import { localDate, localTime } from "@/lib/stations/contract";
import { BagEditor } from "../../_components/bag-editor";
import { SessionForm } from "../../_components/session-form";
import { StreamKeyPanel } from "../../_components/stream-key-panel";
import {
  cancelSessionAction,
  regenerateKeyAction,
  setBagAction,
  setReplayAction,
  updateSessionAction,
} from "../../actions";
import { ReplayForm } from "./replay-form";

export const generateMetadata = titled("streamerSession");

export default async function StreamerSessionPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireWorkspacePage("streamer");
  const { id } = await params;
  const session = await getSessionForStreamer(viewer, id).catch((err: unknown) => {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const [locale, t, format, coops, carried] = await Promise.all([
    getLocale(),
    getTranslations("streamer"),
    getFormatter(),
    listCoops(),
    // Only what the streamer's carrying agreements in force cover can go in the bag (setBag checks it too).
    listCarriedProducts(viewer),
  ]);
  const local = `${localDate(session.scheduledAt, "Asia/Shanghai")}T${localTime(session.scheduledAt, "Asia/Shanghai").slice(0, 5)}`;
  const products = [
    ...session.bag.map((b) => ({ id: b.productId, name: pick(locale, b.nameZh, b.nameEn) })),
    ...carried
      .filter((p) => !session.bag.some((b) => b.productId === p.id))
      .map((p) => ({ id: p.id, name: pick(locale, p.nameZh, p.nameEn) })),
  ];
  return (
    <div className="flex flex-col gap-6" data-testid="streamer-session-setup">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="text-xl font-bold">{session.title}</h1>
          <p className="text-sm text-ink-700" data-testid="session-starts">
            {t("startsAt", {
              when: `${formatDay(session.scheduledAt, locale)} ${format.dateTime(session.scheduledAt, "clock")}`,
            })}
          </p>
        </div>
        <div className="flex flex-wrap gap-3 text-sm">
          <Link href={`/streamer/sessions/${id}/control`} className="text-paddy-700 underline">
            {t("controlRoom")}
          </Link>
          <Link href={`/live/${id}`} className="text-paddy-700 underline">
            {t("viewerPage")}
          </Link>
          <a href={`/live/${id}/overlay`} className="text-paddy-700 underline">
            {t("overlay")}
          </a>
          <Link
            href={`/streamer/sessions/${id}/report`}
            className="text-paddy-700 underline"
            data-testid="session-report-link"
          >
            {t("sessionReportLink")}
          </Link>
        </div>
      </div>
      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="mb-2 font-semibold">{t("streamSetup")}</h2>
        <StreamKeyPanel
          action={regenerateKeyAction}
          sessionId={id}
          ingestUrl={session.ingestUrl}
          playbackUrl={session.playbackUrl}
          hint={session.streamKeyHint}
        />
      </section>
      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="mb-2 font-semibold">{t("bagTitle")}</h2>
        <p className="mb-2 text-xs text-ink-500">
          {t("bagCarriedHint")}{" "}
          <Link href="/streamer/agreements" className="text-paddy-700 underline">
            {t("agreementsLink")}
          </Link>
        </p>
        <BagEditor
          action={setBagAction}
          sessionId={id}
          products={products}
          chosen={session.bag.map((b) => b.productId)}
          hidden={session.bag.filter((b) => !b.priceRevealed).map((b) => b.productId)}
        />
      </section>
      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="mb-2 font-semibold">{t("details")}</h2>
        <SessionForm
          action={updateSessionAction}
          coops={coops.map((c) => ({ id: c.id, name: pick(locale, c.nameZh, c.nameEn) }))}
          values={{
            sessionId: id,
            title: session.title,
            description: session.description,
            scheduledAt: local,
            coopIds: session.coopIds,
            externalPlaybackUrl: session.externalPlaybackUrl ?? "",
          }}
        />
      </section>
      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="mb-2 font-semibold">{t("replay")}</h2>
        <ReplayForm action={setReplayAction} sessionId={id} current={session.replayUrl} />
      </section>
      {session.status === "scheduled" ? (
        <ActionButton
          action={cancelSessionAction}
          fields={{ sessionId: id }}
          label={t("cancelSession")}
          variant="danger"
          confirm={t("cancelConfirm")}
        />
      ) : null}
    </div>
  );
}
