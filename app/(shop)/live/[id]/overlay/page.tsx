import { titled } from "@/lib/i18n/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import QRCode from "qrcode";
import { OverlayView } from "@/components/live/overlay-view";
import { siteOrigin } from "@/lib/auth";
import { env } from "@/lib/env";
import { buildSnapshot } from "@/lib/live";
import { serverNow } from "@/lib/system";

export const generateMetadata = titled("overlay");

/** A transparent page for a streaming tool's browser source (the root layout drops its chrome for /overlay). */
export default async function OverlayPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const at = serverNow();
  const snapshot = await buildSnapshot(id, at);
  if (!snapshot) notFound();
  const url = `${siteOrigin(await headers(), env().AUTH_URL)}/live/${id}`;
  const qr = await QRCode.toDataURL(url, { margin: 1, width: 240 });
  return <OverlayView initial={snapshot} locale={await getLocale()} qr={qr} serverNow={at.getTime()} />;
}
