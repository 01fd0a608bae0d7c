import "server-only";
import QRCode from "qrcode";

/** The team's share link as a QR image (data: URL, allowed by the CSP's img-src) for a neighbour to scan. */
export function teamShareQr(url: string): Promise<string> {
  return QRCode.toDataURL(url, {
    errorCorrectionLevel: "M",
    margin: 2,
    width: 200,
    color: { dark: "#1f2420", light: "#ffffff" },
  });
}
