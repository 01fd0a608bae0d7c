"use client";

import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { FormAction } from "@/components/ui/action-form";
import { formatFen } from "@/lib/core/money";
import type { Locale } from "@/lib/i18n/locales";

type Handover = { number: string; buyerName: string; collectFen: number };

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
declare global {
  interface Window {
    BarcodeDetector?: new (opts: { formats: string[] }) => Detector;
  }
}

const noSubscription = () => () => {};

/** The buyer's QR says "<order number> <code>"; an older QR, or a typed one, is the code alone. */
function readQr(raw: string): { number: string; code: string } | null {
  const named = /^(E\d{6}[0-9A-Z]{6})\s+(\d{6})$/.exec(raw.trim());
  if (named) return { number: named[1]!, code: named[2]! };
  const digits = raw.replace(/\D/g, "");
  return digits.length === 6 ? { number: "", code: digits } : null;
}

/**
 * Type the 6-digit code, or scan the buyer's QR with the phone camera where the browser can. With an order picked
 * from the waiting list (or named by the QR), the code is tried against that order only.
 */
export function HandoverForm({
  action,
  stationId,
  locale,
  picked,
}: {
  action: FormAction<Handover>;
  stationId: string;
  locale: Locale;
  picked?: { number: string; label: string };
}) {
  const t = useTranslations("stationConsole");
  const [state, formAction, pending] = useActionState(action, null);
  const [code, setCode] = useState("");
  const [number, setNumber] = useState(picked?.number ?? "");
  const [scanning, setScanning] = useState(false);
  // Whether this browser can scan (BarcodeDetector + camera): false on the server, read once in the browser.
  const canScan = useSyncExternalStore(
    noSubscription,
    () => Boolean(window.BarcodeDetector) && Boolean(navigator.mediaDevices),
    () => false,
  );
  const video = useRef<HTMLVideoElement>(null);
  const form = useRef<HTMLFormElement>(null);

  // A handover went through: clear the code for the next buyer (adjusting state while rendering, not in an effect).
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state?.ok) setCode("");
  }
  useEffect(() => {
    if (!scanning || !window.BarcodeDetector) return;
    let stream: MediaStream | null = null;
    let stop = false;
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
        if (!video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        while (!stop) {
          const found = (await detector.detect(video.current)).map((b) => readQr(b.rawValue)).find(Boolean);
          if (found) {
            setCode(found.code);
            setNumber(found.number);
            setScanning(false);
            requestAnimationFrame(() => form.current?.requestSubmit());
            break;
          }
          await new Promise((r) => setTimeout(r, 250));
        }
      } catch {
        setScanning(false);
      }
    })();
    return () => {
      stop = true;
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [scanning]);

  return (
    <form ref={form} action={formAction} className="flex flex-col gap-3" data-testid="handover-form">
      <input type="hidden" name="stationId" value={stationId} />
      <input type="hidden" name="number" value={number} />
      {picked && number === picked.number ? (
        <p className="text-sm" data-testid="handover-picked">
          {t("pickedOrder", { order: picked.label })}
        </p>
      ) : null}
      <label htmlFor="pickup-code" className="text-sm font-medium">
        {t("codeLabel")}
      </label>
      <div className="flex gap-2">
        <input
          id="pickup-code"
          name="code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          placeholder="123456"
          className="min-h-12 w-40 rounded-lg border border-rice-200 px-3 font-mono text-2xl tracking-widest"
        />
        <Button type="submit" disabled={pending} data-testid="redeem">
          {t("handOver")}
        </Button>
      </div>
      {canScan ? (
        <button
          type="button"
          className="self-start text-sm text-paddy-700 underline"
          onClick={() => setScanning((v) => !v)}
        >
          {scanning ? t("stopScan") : t("scan")}
        </button>
      ) : (
        <p className="text-xs text-ink-500">{t("scanUnavailable")}</p>
      )}
      {scanning ? <video ref={video} className="w-full max-w-xs rounded-lg bg-ink-900" muted playsInline /> : null}
      {state && !state.ok ? <Notice tone="error">{state.fields?.code?.join(" ") ?? state.message}</Notice> : null}
      {state?.ok ? (
        <Notice tone="success">
          <span data-testid="handover-done">
            {t("done", { number: state.data.number, name: state.data.buyerName })}
            {state.data.collectFen > 0
              ? ` ${t("collect", { amount: formatFen(state.data.collectFen, locale) })}`
              : ` ${t("alreadyPaid")}`}
          </span>
        </Notice>
      ) : null}
    </form>
  );
}
