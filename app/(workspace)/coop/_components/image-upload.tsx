"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type ChangeEvent } from "react";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { fitForUpload, TooLarge } from "@/components/ui/fit-for-upload";
import { imageContentTypes } from "@/lib/catalog/contract";

type UploadError = { error?: { code?: string; message?: string; fields?: Record<string, string[]> } };

/** Uploads a product image to the upload route on choosing a file, and says what went wrong if it is refused. */
export function ImageUpload({ productId }: { productId: string }) {
  const t = useTranslations("coopCatalog.image");
  const router = useRouter();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  async function upload(e: ChangeEvent<HTMLInputElement>) {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setNote(null);
    try {
      const body = new FormData();
      body.set("image", await fitForUpload(file), file.name);
      const res = await fetch(`/api/coop/products/${encodeURIComponent(productId)}/image`, { method: "POST", body });
      if (res.ok) {
        setNote({ tone: "success", text: t("saved") });
        router.refresh();
      } else {
        const { error } = ((await res.json().catch(() => ({}))) ?? {}) as UploadError;
        const text =
          error?.code === "PAYLOAD_TOO_LARGE"
            ? t("tooLarge")
            : (error?.fields?.image?.join(" · ") ?? error?.message ?? t("failed"));
        setNote({ tone: "error", text });
      }
    } catch (err) {
      setNote({ tone: "error", text: err instanceof TooLarge ? t("tooLarge") : t("failed") });
    } finally {
      setBusy(false);
      input.value = "";
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <label
        htmlFor={id}
        className={buttonClass("secondary", "cursor-pointer self-start")}
        aria-disabled={busy || undefined}
      >
        {busy ? t("uploading") : t("choose")}
      </label>
      <input
        id={id}
        type="file"
        accept={Object.values(imageContentTypes).join(",")}
        disabled={busy}
        onChange={upload}
        className="sr-only"
        data-testid="image-input"
      />
      <p className="text-xs text-ink-500">{t("hint")}</p>
      {note ? <Notice tone={note.tone}>{note.text}</Notice> : null}
    </div>
  );
}
