import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { renderNginxConfig } from "./live-nginx-config";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function render(hookSecret?: string): string[] {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "elian-nginx-"));
  dirs.push(prefix);
  const { conf } = renderNginxConfig({
    appUrl: "http://127.0.0.1:3000/",
    rtmpPort: 1935,
    httpPort: 8088,
    prefix,
    hookSecret,
  });
  const text = fs.readFileSync(conf, "utf8");
  expect(text).not.toMatch(/\{\{[A-Z_]+\}\}/);
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => /^on_\w+ /.test(l));
}

describe("the rendered nginx-rtmp config", () => {
  it("[ISSUE12-D1] without a hook secret the callbacks are the bare hook URL", () => {
    expect(render()).toEqual([
      "on_record_done http://127.0.0.1:3000/api/live/hooks/nginx-rtmp;",
      "on_publish http://127.0.0.1:3000/api/live/hooks/nginx-rtmp;",
      "on_publish_done http://127.0.0.1:3000/api/live/hooks/nginx-rtmp;",
      "on_update http://127.0.0.1:3000/api/live/hooks/nginx-rtmp;",
    ]);
  });

  it("[ISSUE12-D1] with LIVE_HOOK_SECRET every callback carries ?secret=", () => {
    const lines = render("s3cret.value_0123~x");
    expect(lines).toHaveLength(4);
    for (const l of lines)
      expect(l).toMatch(
        /^on_\w+ http:\/\/127\.0\.0\.1:3000\/api\/live\/hooks\/nginx-rtmp\?secret=s3cret\.value_0123~x;$/,
      );
  });
});
