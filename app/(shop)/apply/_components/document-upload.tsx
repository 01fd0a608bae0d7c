"use client";

import { useId, useState, type ChangeEvent } from "react";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { fitForUpload, TooLarge } from "@/components/ui/fit-for-upload";
import { imageContentTypes } from "@/lib/catalog/contract";

type UploadError = { error?: { code?: string; message?: string; fields?: Record<string, string[]> } };
export interface UploadedDocument {
  ref: string;
  path: string;
}

/**
 * Documents of an application: each chosen image is uploaded at once to /api/apply/documents (checked and
 * re-encoded there like a product image) and carried by the form as a hidden `name` field with its reference.
 */
export function DocumentUpload({
  name,
  label,
  max,
  initial = [],
  errors,
  testId,
}: {
  name: string;
  label: string;
  max: number;
  initial?: UploadedDocument[];
  errors?: string[];
  testId: string;
}) {
  const t = useTranslations("apply.documents");
  const id = useId();
  const [docs, setDocs] = useState<UploadedDocument[]>(initial);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function upload(e: ChangeEvent<HTMLInputElement>) {
    const input = e.currentTarget;
    const files = [...(input.files ?? [])].slice(0, Math.max(0, max - docs.length));
    if (!files.length) return;
    setBusy(true);
    setProblem(null);
    try {
      for (const file of files) {
        const body = new FormData();
        body.set("image", await fitForUpload(file), file.name);
        const res = await fetch("/api/apply/documents", { method: "POST", body });
        if (!res.ok) {
          const { error } = ((await res.json().catch(() => ({}))) ?? {}) as UploadError;
          setProblem(
            error?.code === "PAYLOAD_TOO_LARGE"
              ? t("tooLarge")
              : (error?.fields?.image?.join(" · ") ?? error?.message ?? t("failed")),
          );
          break;
        }
        const saved = (await res.json()) as UploadedDocument;
        setDocs((d) => (max === 1 ? [saved] : [...d, saved].slice(0, max)));
      }
    } catch (err) {
      setProblem(err instanceof TooLarge ? t("tooLarge") : t("failed"));
    } finally {
      setBusy(false);
      input.value = "";
    }
  }

  const invalid = Boolean(problem || errors?.length);
  return (
    <div className="flex flex-col gap-2" data-testid={testId}>
      <span className="text-sm font-medium text-ink-700">{label}</span>
      {docs.length ? (
        <ul className="flex flex-wrap gap-2">
          {docs.map((d) => (
            <li key={d.ref} className="relative">
              <input type="hidden" name={name} value={d.ref} />
              {/* eslint-disable-next-line @next/next/no-img-element -- a stored upload, already small */}
              <img src={d.path} alt="" className="size-20 rounded-lg object-cover ring-1 ring-rice-200" />
              <button
                type="button"
                onClick={() => setDocs((all) => all.filter((x) => x.ref !== d.ref))}
                className="absolute -right-2 -top-2 min-h-6 min-w-6 rounded-full bg-white text-xs ring-1 ring-rice-200"
                aria-label={t("remove")}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {docs.length < max ? (
        <>
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
            multiple={max > 1}
            accept={Object.values(imageContentTypes).join(",")}
            disabled={busy}
            onChange={upload}
            className="sr-only"
            aria-invalid={invalid || undefined}
            data-testid={`${testId}-input`}
          />
        </>
      ) : null}
      <p className="text-xs text-ink-500">{t("hint", { max })}</p>
      {problem || errors?.length ? (
        <p role="alert" className="text-xs text-persimmon-600">
          {problem ?? errors?.join(" · ")}
        </p>
      ) : null}
    </div>
  );
}
