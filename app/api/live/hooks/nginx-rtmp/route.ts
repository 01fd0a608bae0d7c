import { type NextRequest } from "next/server";
import { normalizeError } from "@/lib/auth";
import { fromNginx, handleIngestCallback, readHookBody } from "@/lib/live";

export const dynamic = "force-dynamic";

// POST /api/live/hooks/nginx-rtmp[?secret=…] — nginx-rtmp-module on_publish / on_publish_done / on_update /
// on_record_done, form-encoded. 2xx allows, 403 refuses; a publish under the key itself is renamed (3xx) to the
// session id.
export async function POST(req: NextRequest) {
  let form: Record<string, string>;
  try {
    form = Object.fromEntries(new URLSearchParams(await readHookBody(req, "application/x-www-form-urlencoded")));
  } catch (err) {
    const e = normalizeError(err, "hook nginx-rtmp");
    return new Response(e.code === "FORBIDDEN" ? "forbidden" : e.code.toLowerCase(), { status: e.status });
  }
  let cb;
  try {
    cb = fromNginx(form);
  } catch {
    return new Response("bad callback", { status: 400 });
  }
  const decision = await handleIngestCallback(cb);
  if (!decision.allow) return new Response(decision.reason, { status: decision.status });
  if (decision.renameTo) return new Response(null, { status: 302, headers: { Location: decision.renameTo } });
  return new Response("ok", { status: 200 });
}
