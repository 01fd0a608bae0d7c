import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAABAAAAAQBPJcTWAAAAD0lEQVR4nGNgqGcAIQgFAA3yAf0TIoIjAAAAAElFTkSuQmCC",
  "base64",
);
const boundary = "authzmatrixboundary";
const form = Buffer.concat([
  Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
  ),
  png,
  Buffer.from(`\r\n--${boundary}--\r\n`),
]);

export const authz = {
  // Replaces the product image (and removes the old file the uploads check reads): after the others.
  POST: {
    allow: ["coopA"],
    path: (f) => `/api/coop/products/${f.productA}/image`,
    body: () => ({ type: `multipart/form-data; boundary=${boundary}`, data: form }),
    destructive: true,
  },
} satisfies RoutesAuthz<typeof route>;
