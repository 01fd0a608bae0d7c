import { NextResponse, type NextRequest } from "next/server";
import { assertSameOrigin, assertViewer, errorResponse, getViewer } from "@/lib/auth";
import { readImageForm } from "@/lib/catalog";
import { uploadApplicationDocument } from "@/lib/joining";

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
