import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@/lib/core/errors";
import { assertSameOrigin, assertWorkspace, errorResponse, getViewer } from "@/lib/auth";
import { saveProductImage } from "@/lib/catalog";

// Multipart overhead on top of the 2 MB image limit; larger bodies are refused before they are read.
const MAX_BODY = 2 * 1024 * 1024 + 64 * 1024;

// POST /api/coop/products/[id]/image — a cooperative member uploads a product image (multipart, field "image").
export async function POST(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  try {
    assertSameOrigin(req.headers);
    const viewer = await getViewer();
    assertWorkspace(viewer, "coop");
    if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY) throw new AppError("PAYLOAD_TOO_LARGE", "upload too large", { fields: { image: ["too_large"] } });
    const form = await req.formData().catch(() => {
      throw new AppError("VALIDATION", "expected multipart/form-data", { fields: { image: ["required"] } });
    });
    const { id } = await ctx.params;
    const saved = await saveProductImage(viewer, id, form.get("image"));
    if (req.headers.get("accept")?.includes("text/html")) {
      return NextResponse.redirect(new URL(`/coop/products/${id}?image=1`, req.url), 303);
    }
    return NextResponse.json(saved);
  } catch (err) {
    return errorResponse(err, req, "upload product image");
  }
}
