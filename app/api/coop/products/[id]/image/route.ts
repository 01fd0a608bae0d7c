import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@/lib/core/errors";
import { assertSameOrigin, assertWorkspace, errorResponse, getViewer } from "@/lib/auth";
import { saveProductImage } from "@/lib/catalog";
import { MAX_IMAGE_BYTES } from "@/lib/catalog/contract";

// The image limit plus room for the multipart envelope. The body is counted as it streams in, so a client
// that lies about (or leaves out) Content-Length still cannot make us hold more than this.
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

// POST /api/coop/products/[id]/image — a cooperative member sets a product's image (multipart, one field "image").
export async function POST(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  try {
    assertSameOrigin(req.headers);
    const viewer = await getViewer();
    assertWorkspace(viewer, "coop");
    const { id } = await ctx.params;
    const form = await readImageForm(req);
    const saved = await saveProductImage(viewer, id, form.get("image"));
    return NextResponse.json(saved, { headers: { "Cache-Control": "private, no-store" } });
  } catch (err) {
    return errorResponse(err, req, "route uploadProductImage");
  }
}
