import { signedIn, type RoutesAuthz } from "@/e2e/authz/types";
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
  // Anyone signed in may upload a document for their own application; anonymous and suspended are 401.
  POST: {
    allow: signedIn,
    path: () => "/api/apply/documents",
    body: () => ({ type: `multipart/form-data; boundary=${boundary}`, data: form }),
  },
} satisfies RoutesAuthz<typeof route>;
