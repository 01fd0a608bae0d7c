import { titled } from "@/lib/i18n/server";
import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { requireWorkspacePage, siteOrigin } from "@/lib/auth";
import { env } from "@/lib/env";

export const generateMetadata = titled("streamerGuide");

/** How to stream with OBS, add the overlay, and drive pins and drops from buttons (the API). */
export default async function StreamerGuidePage() {
  await requireWorkspacePage("streamer");
  const t = await getTranslations("streamerGuide");
  const ingest = env().LIVE_INGEST_URL;
  const origin = siteOrigin(await headers(), env().AUTH_URL);
  return (
    <article
      className="mx-auto flex w-full max-w-2xl flex-col gap-4 text-sm leading-relaxed"
      data-testid="streamer-guide"
    >
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
        <h2 className="font-semibold">{t("apiTitle")}</h2>
        <p>{t("apiBody")}</p>
        <pre className="overflow-x-auto rounded-lg bg-ink-900 p-3 text-xs text-rice-50">
          {[
            `# ${t("apiPin")}`,
            `curl -X POST ${origin}/api/v1/sessions/<session-id>/pin -H "Authorization: Bearer elk_…" -H "Content-Type: application/json" -d '{"productId":"prd_hudun_rice"}'`,
            `# ${t("apiDrop")}`,
            `curl -X POST ${origin}/api/v1/sessions/<session-id>/drops -H "Authorization: Bearer elk_…" -H "Content-Type: application/json" -d '{"variantId":"var_hudun_5kg","price":"49.90","quantityCap":50,"perBuyerLimit":2,"durationSeconds":300}'`,
            `# ${t("apiFigures")}`,
            `curl ${origin}/api/v1/sessions/<session-id>/figures -H "Authorization: Bearer elk_…"`,
          ].join("\n")}
        </pre>
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
