"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/notice";

/** Uploads a product image to the upload route and shows the route's error (type, size) if any. */
export function ImageUpload({ productId }: { productId: string }) {
  const t = useTranslations("coopCatalog");
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function upload(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    const body = new FormData();
    body.set("image", file);
    const res = await fetch(`/api/coop/products/${productId}/image`, { method: "POST", body, headers: { accept: "application/json" } });
    setBusy(false);
    if (res.ok) {
      setMessage({ ok: true, text: t("imageSaved") });
      router.refresh();
    } else {
      const err = (await res.json().catch(() => null)) as { error?: { message?: string; fields?: Record<string, string[]> } } | null;
      setMessage({ ok: false, text: err?.error?.fields?.image?.join(" ") ?? err?.error?.message ?? t("imageFailed") });
    }
  }
  return (
    <div className="flex flex-col gap-2">
      <label className="text-sm font-medium text-ink-700" htmlFor="image-input">
        {t("image")}
      </label>
      <input id="image-input" type="file" accept="image/png,image/jpeg,image/webp" disabled={busy} onChange={(e) => upload(e.target.files?.[0])} data-testid="image-input" />
      <p className="text-xs text-ink-500">{t("imageHint")}</p>
      {message ? <Notice tone={message.ok ? "success" : "error"}>{message.text}</Notice> : null}
    </div>
  );
}
