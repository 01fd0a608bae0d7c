import "server-only";
import QRCode from "qrcode";

/** The pickup code as a QR image (data: URL, allowed by the CSP's img-src), for the station to scan. */
export function pickupQrDataUrl(code: string): Promise<string> {
  return QRCode.toDataURL(code, { errorCorrectionLevel: "M", margin: 2, width: 240, color: { dark: "#1f2420", light: "#ffffff" } });
}
