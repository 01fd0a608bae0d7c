import { type NextRequest } from "next/server";
import { clientIp } from "@/lib/auth";
import { fromNginx, handleIngestCallback, hookAddressAllowed } from "@/lib/live";

export const dynamic = "force-dynamic";

// POST /api/live/hooks/nginx-rtmp — nginx-rtmp-module on_publish / on_publish_done / on_update / on_record_done.
// 2xx allows, 403 refuses; a publish under the key itself is renamed (3xx) to the session id.
export async function POST(req: NextRequest) {
  if (!hookAddressAllowed(clientIp(req.headers))) return new Response("forbidden", { status: 403 });
  const form = Object.fromEntries([...(await req.formData().catch(() => new FormData())).entries()].map(([k, v]) => [k, String(v)]));
  let cb;
  try {
    cb = fromNginx(form);
  } catch {
    return new Response("bad callback", { status: 400 });
  }
  const decision = await handleIngestCallback(cb);
  if (!decision.allow) return new Response(decision.reason, { status: 403 });
  if (decision.renameTo) return new Response(null, { status: 302, headers: { Location: decision.renameTo } });
  return new Response("ok", { status: 200 });
}
