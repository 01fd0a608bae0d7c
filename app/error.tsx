"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Shown when a page throws: no stack trace, only the digest the server log can be searched by. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errorPage");
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-3 py-16 text-center" role="alert">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-ink-700">{t("body")}</p>
      {error.digest ? <p className="font-mono text-xs text-ink-500">#{error.digest}</p> : null}
      <Button onClick={reset}>{t("retry")}</Button>
    </div>
  );
}
