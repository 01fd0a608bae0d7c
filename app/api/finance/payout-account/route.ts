import type { NextRequest } from "next/server";
import { getViewer } from "@/lib/auth";
import { refreshPayoutAccount } from "@/lib/finance";
import { payoutAccountReturnInput } from "@/lib/finance/contract";

export const dynamic = "force-dynamic";

const seeOther = (path: string) =>
  new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });

const pageOf = (kind: string, id: string) =>
  kind === "coop"
    ? `/coop/finance?coop=${encodeURIComponent(id)}`
    : kind === "station"
      ? `/station/earnings?station=${encodeURIComponent(id)}`
      : "/streamer/earnings";

// GET /api/finance/payout-account?kind=coop&id=… — where Stripe's onboarding sends the party back (and where an
// expired onboarding link restarts): the account is looked up at Stripe now, then the party's finance page is shown.
// Only the party's own people get past lib/finance's check; anyone else's party is ignored.
export async function GET(req: NextRequest) {
  const parsed = payoutAccountReturnInput.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  const viewer = await getViewer();
  if (!parsed.success) return seeOther("/");
  const { kind, id } = parsed.data;
  if (!viewer)
    return seeOther(`/login?callbackUrl=${encodeURIComponent(`${req.nextUrl.pathname}${req.nextUrl.search}`)}`);
  const status = await refreshPayoutAccount(viewer, { kind, id }).catch((err: unknown) => {
    console.warn("[payout account return]", (err as Error).message);
    return null;
  });
  return seeOther(status ? pageOf(kind, id) : "/");
}
