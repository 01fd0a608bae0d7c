import fs from "node:fs";
import path from "node:path";

/**
 * Renders deploy/nginx-rtmp/nginx.conf.template into `prefix` (with its HLS and temp folders). With a hook
 * secret (the shop's LIVE_HOOK_SECRET) every callback URL carries it as ?secret=.
 */
export function renderNginxConfig(o: {
  appUrl: string;
  rtmpPort: number;
  httpPort: number;
  prefix: string;
  hookSecret?: string;
}): { conf: string; prefix: string; hlsDir: string; recDir: string } {
  const prefix = path.resolve(o.prefix);
  const hlsDir = path.join(prefix, "hls");
  const recDir = path.join(prefix, "rec");
  for (const d of [
    prefix,
    hlsDir,
    recDir,
    ...["body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => path.join(prefix, "tmp", t)),
  ])
    fs.mkdirSync(d, { recursive: true });
  const template = fs.readFileSync(path.join(process.cwd(), "deploy/nginx-rtmp/nginx.conf.template"), "utf8");
  const conf = path.join(prefix, "nginx.conf");
  fs.writeFileSync(
    conf,
    template
      .replaceAll("{{PREFIX}}", prefix)
      .replaceAll("{{HLS_DIR}}", hlsDir)
      .replaceAll("{{REC_DIR}}", recDir)
      .replaceAll("{{APP_URL}}", o.appUrl.replace(/\/$/, ""))
      .replaceAll("{{HOOK_QUERY}}", o.hookSecret ? `?secret=${encodeURIComponent(o.hookSecret)}` : "")
      .replaceAll("{{RTMP_PORT}}", String(o.rtmpPort))
      .replaceAll("{{HTTP_PORT}}", String(o.httpPort)),
  );
  // nginx's workers (and the ffmpeg they start) run unprivileged: they must be able to write recordings.
  fs.chmodSync(recDir, 0o777);
  return { conf, prefix, hlsDir, recDir };
}
