import fs from "node:fs";
import path from "node:path";

/** Renders deploy/nginx-rtmp/nginx.conf.template into `prefix` (with its HLS and temp folders). */
export function renderNginxConfig(o: { appUrl: string; rtmpPort: number; httpPort: number; prefix: string }): { conf: string; prefix: string; hlsDir: string } {
  const prefix = path.resolve(o.prefix);
  const hlsDir = path.join(prefix, "hls");
  for (const d of [prefix, hlsDir, ...["body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => path.join(prefix, "tmp", t))]) fs.mkdirSync(d, { recursive: true });
  const template = fs.readFileSync(path.join(process.cwd(), "deploy/nginx-rtmp/nginx.conf.template"), "utf8");
  const conf = path.join(prefix, "nginx.conf");
  fs.writeFileSync(
    conf,
    template
      .replaceAll("{{PREFIX}}", prefix)
      .replaceAll("{{HLS_DIR}}", hlsDir)
      .replaceAll("{{APP_URL}}", o.appUrl.replace(/\/$/, ""))
      .replaceAll("{{RTMP_PORT}}", String(o.rtmpPort))
      .replaceAll("{{HTTP_PORT}}", String(o.httpPort)),
  );
  return { conf, prefix, hlsDir };
}
