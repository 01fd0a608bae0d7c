import "server-only";
import { AppError } from "../core/errors";
import { MAX_IMAGE_BYTES } from "./contract-manage";

// The image limit plus room for the multipart envelope. The body is counted as it streams in, so a client
// that lies about (or leaves out) Content-Length still cannot make us hold more than this.
const MAX_BODY_BYTES = MAX_IMAGE_BYTES + 16 * 1024;

const tooLarge = () =>
  new AppError("PAYLOAD_TOO_LARGE", "upload larger than allowed", { fields: { image: ["too_large"] } });
const malformed = (why: string) => new AppError("VALIDATION", why, { fields: { image: ["required"] } });

/** The body of an image upload route: multipart with one field "image", at most one image's size. */
export async function readImageForm(req: Request): Promise<FormData> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;/i.test(type)) throw malformed("expected multipart/form-data");
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  for (let part = await reader?.read(); part && !part.done; part = await reader?.read()) {
    size += part.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader?.cancel();
      throw tooLarge();
    }
    chunks.push(part.value);
  }
  const form = await new Response(Buffer.concat(chunks), { headers: { "content-type": type } }).formData().catch(() => {
    throw malformed("unreadable multipart body");
  });
  const unknown = [...new Set(form.keys())].filter((k) => k !== "image");
  if (unknown.length)
    throw new AppError("VALIDATION", "unknown form fields", {
      fields: Object.fromEntries(unknown.map((k) => [k, ["unknown_field"]])),
    });
  return form;
}
