import { NextResponse, type NextRequest } from "next/server";
import { assertSameOrigin, assertWorkspace, errorResponse, getViewer } from "@/lib/auth";
import { readImageForm, saveProductImage } from "@/lib/catalog";

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
