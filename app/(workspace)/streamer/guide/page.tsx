import { getTranslations } from "next-intl/server";
import { requireWorkspacePage } from "@/lib/auth";
import { env } from "@/lib/env";

/** How to stream with OBS, add the overlay, and drive pins and drops from buttons (the API). */
export default async function StreamerGuidePage() {
  await requireWorkspacePage("streamer");
  const t = await getTranslations("streamerGuide");
  const ingest = env().LIVE_INGEST_URL;
  return (
    <article className="mx-auto flex w-full max-w-2xl flex-col gap-4 text-sm leading-relaxed" data-testid="streamer-guide">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      <section className="flex flex-col gap-1">
        <h2 className="font-semibold">{t("obsTitle")}</h2>
        <ol className="list-decimal pl-5">
          <li>{t("obs1")}</li>
          <li>
            {t("obs2")} <code>{ingest}</code>
          </li>
          <li>
            {t("obs3")} <code>{"<session-id>?token=<stream-key>"}</code>
          </li>
          <li>{t("obs4")}</li>
        </ol>
      </section>
      <section className="flex flex-col gap-1">
        <h2 className="font-semibold">{t("overlayTitle")}</h2>
        <p>
          {t("overlayBody")} <code>{"/live/<session-id>/overlay"}</code>
        </p>
      </section>
    </article>
  );
}
