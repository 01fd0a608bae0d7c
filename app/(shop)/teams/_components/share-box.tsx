"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";

/** The team's link to send to neighbours, a copy button, and the same link as a QR code to scan. */
export function ShareBox({ url, qr }: { url: string; qr: string }) {
  const t = useTranslations("teams");
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // no clipboard permission (or http): select the text so the person can copy it by hand
      (document.getElementById("team-share-url") as HTMLInputElement | null)?.select();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  }
  return (
    <section className="flex flex-col gap-2 rounded-xl bg-white p-4 ring-1 ring-rice-200" data-testid="team-share">
      <h2 className="font-semibold">{t("share")}</h2>
      <p className="text-xs text-ink-500">{t("shareHint")}</p>
      <div className="flex min-w-0 gap-2">
        <input
          id="team-share-url"
          readOnly
          value={url}
          className="min-w-0 flex-1 rounded-lg border border-rice-200 px-2 py-1 text-sm"
          data-testid="share-link"
          aria-label={t("share")}
          onFocus={(e) => e.target.select()}
        />
        <button
          type="button"
          onClick={copy}
          className="shrink-0 rounded-lg bg-paddy-600 px-3 py-1 text-sm text-white"
          data-testid="copy-link"
        >
          {copied ? t("copied") : t("copy")}
        </button>
      </div>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server */}
      <img src={qr} alt={t("qrAlt")} width={160} height={160} className="size-40 self-center" data-testid="team-qr" />
    </section>
  );
}
