import "server-only";
import QRCode from "qrcode";

/** What the pickup QR says: the order number and its code, so a scan names the order the code is tried against. */
export const pickupQrText = (number: string, code: string) => `${number} ${code}`;

/** The pickup QR as an image (data: URL, allowed by the CSP's img-src), for the station to scan. */
export function pickupQrDataUrl(number: string, code: string): Promise<string> {
  return QRCode.toDataURL(pickupQrText(number, code), {
    errorCorrectionLevel: "M",
    margin: 2,
    width: 240,
    color: { dark: "#1f2420", light: "#ffffff" },
  });
}
