/**
 * Runs nginx-rtmp for local streaming: npm run live:nginx (APP_URL, RTMP_PORT, HTTP_PORT may be set).
 * OBS or ffmpeg publish to rtmp://127.0.0.1:1935/live/<session-id>?token=<stream key>; viewers get HLS from
 * http://127.0.0.1:8088/hls/<session-id>.m3u8 (the app's default LIVE_PLAYBACK_BASE) and, once it ends, the
 * recording from http://127.0.0.1:8088/rec/ (LIVE_REPLAY_BASE). Give it the shop's LIVE_HOOK_SECRET, if any.
 */
import { spawn } from "node:child_process";
import { env } from "../lib/env";
import { renderNginxConfig } from "./live-nginx-config";

const { conf, prefix } = renderNginxConfig({
  appUrl: process.env.APP_URL ?? "http://127.0.0.1:3000",
  rtmpPort: Number(process.env.RTMP_PORT ?? 1935),
  httpPort: Number(process.env.HTTP_PORT ?? 8088),
  prefix: process.env.NGINX_PREFIX ?? ".data/nginx",
  hookSecret: env().LIVE_HOOK_SECRET,
});
console.log(`nginx-rtmp: config ${conf}`);
const nginx = spawn("/usr/sbin/nginx", ["-p", prefix, "-c", conf], { stdio: "inherit" });
const stop = () => nginx.kill("SIGQUIT");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
nginx.on("exit", (code) => process.exit(code ?? 0));
