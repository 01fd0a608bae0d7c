import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@/lib/core/errors";
import { assertSameOrigin, assertViewer, errorResponse, getViewer } from "@/lib/auth";
import { MAX_IMAGE_BYTES } from "@/lib/catalog/contract";
import { uploadApplicationDocument } from "@/lib/joining";

// One image plus room for the multipart envelope, counted as the body streams in (a missing or false
// Content-Length cannot make us hold more).
const MAX_BODY_BYTES = MAX_IMAGE_BYTES + 16 * 1024;

const tooLarge = () =>
  new AppError("PAYLOAD_TOO_LARGE", "upload larger than allowed", { fields: { image: ["too_large"] } });
const malformed = (why: string) => new AppError("VALIDATION", why, { fields: { image: ["required"] } });

async function readImageForm(req: NextRequest): Promise<FormData> {
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

// POST /api/apply/documents — a signed-in applicant uploads one document image (a licence scan, a photo) for an
// application; the answer's `ref` is what the application form sends (it names the file for this person only).
export async function POST(req: NextRequest) {
  try {
    assertSameOrigin(req.headers);
    const viewer = await getViewer();
    assertViewer(viewer);
    const form = await readImageForm(req);
    const saved = await uploadApplicationDocument(viewer, form.get("image"));
    return NextResponse.json(saved, { headers: { "Cache-Control": "private, no-store" } });
  } catch (err) {
    return errorResponse(err, req, "route uploadApplicationDocument");
  }
}
