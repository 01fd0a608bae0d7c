import { z } from "zod";
import type { IngestCallback } from "./contract";

/** `?token=…` out of a publish URL's query string ("?token=abc&x=1" or "token=abc"). */
export function tokenFrom(query: string | null | undefined): string | null {
  if (!query) return null;
  const token = new URLSearchParams(query.replace(/^\?/, "")).get("token");
  return token && /^[A-Za-z0-9_\-.~]{1,200}$/.test(token) ? token : null;
}

const srsBody = z.looseObject({
  action: z.enum(["on_publish", "on_unpublish", "on_play", "on_stop", "on_dvr", "on_hls"]),
  client_id: z.union([z.string(), z.number()]).optional(),
  app: z.string().max(200).optional(),
  stream: z.string().min(1).max(300),
  param: z.string().max(2000).optional(),
  file: z.string().max(1000).optional(),
  url: z.string().max(1000).optional(),
  m3u8: z.string().max(1000).optional(),
});

/** SRS v5/v6 HTTP callbacks (JSON). */
export function fromSrs(raw: unknown): IngestCallback {
  const b = srsBody.parse(raw);
  const action = (
    {
      on_publish: "publish",
      on_unpublish: "unpublish",
      on_play: "play",
      on_stop: "stop",
      on_dvr: "record",
      on_hls: "hls",
    } as const
  )[b.action];
  return {
    action,
    stream: b.stream,
    token: tokenFrom(b.param),
    clientId: b.client_id === undefined ? null : String(b.client_id),
    // on_hls: the playlist, never `url` (that is the segment just written).
    recording: b.action === "on_dvr" ? (b.file ?? null) : b.action === "on_hls" ? (b.m3u8 ?? null) : null,
  };
}

const nginxBody = z.looseObject({
  call: z.enum(["publish", "publish_done", "update_publish", "update", "play", "play_done", "record_done", "done"]),
  name: z.string().min(1).max(300),
  app: z.string().max(200).optional(),
  clientid: z.string().max(50).optional(),
  addr: z.string().max(100).optional(),
  token: z.string().max(300).optional(),
  path: z.string().max(1000).optional(),
});

/** nginx-rtmp-module notifications (form-encoded; the publish URL's query args arrive as fields). */
export function fromNginx(form: Record<string, string>): IngestCallback {
  const b = nginxBody.parse(form);
  const action = (
    {
      publish: "publish",
      publish_done: "unpublish",
      update_publish: "update",
      update: "update",
      play: "play",
      play_done: "stop",
      record_done: "record",
      done: "unpublish",
    } as const
  )[b.call];
  return {
    action,
    stream: b.name,
    token: tokenFrom(b.token ? `token=${b.token}` : null),
    clientId: b.clientid ?? null,
    recording: b.call === "record_done" ? (b.path ?? null) : null,
  };
}
