import type { NextRequest } from "next/server";
import { getViewer } from "@/lib/auth";
import { confirmReturnFromCheckout } from "@/lib/orders";

export const dynamic = "force-dynamic";

const SESSION = /^cs_[A-Za-z0-9_]{1,200}$/;
// A relative Location: the browser stays on the host it came back to (the one its session cookie belongs to),
// whatever host name the server itself was started with.
const seeOther = (path: string) =>
  new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });

// GET /orders/:number/paid?session_id=cs_… — where Stripe sends the buyer back: the session is applied now (the
// webhook may still be on its way), then the order page is shown. The page itself only reads; this route writes,
// and only for the buyer's own order and session (anyone else's is ignored).
export async function GET(req: NextRequest, ctx: { params: Promise<{ number: string }> }) {
  const { number } = await ctx.params;
  const sessionId = req.nextUrl.searchParams.get("session_id") ?? "";
  const viewer = await getViewer();
  if (!viewer)
    return seeOther(`/login?callbackUrl=${encodeURIComponent(`/orders/${number}/paid?session_id=${sessionId}`)}`);
  if (SESSION.test(sessionId)) {
    await confirmReturnFromCheckout(viewer, number, sessionId).catch((err: unknown) =>
      console.warn("[checkout return]", (err as Error).message),
    );
  }
  return seeOther(`/orders/${encodeURIComponent(number)}?returned=1`);
}
