import { spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { rtmpPort } from "../playwright.config";
import { serverClock } from "./support";

// The seeded scheduled session and its demo key (README: "Live streaming").
const SESSION = "live_demo_hudun";

/** ffmpeg publishing a generated test pattern with a tone, as the README tells a newcomer to. */
function publish(key: string): ChildProcess {
  const url = `rtmp://127.0.0.1:${rtmpPort}/live/${SESSION}?token=${key}`;
  const args = [
    "-hide_banner",
    "-loglevel",
    "error",
    "-re",
    "-f",
    "lavfi",
    "-i",
    "testsrc2=size=640x360:rate=25",
    "-f",
    "lavfi",
    "-i",
    "sine=frequency=440",
  ];
  args.push(
    "-c:v",
    "libx264",
    "-preset",
    "veryfast",
    "-tune",
    "zerolatency",
    "-pix_fmt",
    "yuv420p",
    "-g",
    "25",
    "-c:a",
    "aac",
    "-f",
    "flv",
    url,
  );
  return spawn("/usr/bin/ffmpeg", args, { stdio: ["ignore", "ignore", "pipe"] });
}

function exited(p: ChildProcess, ms: number): Promise<number | null | "running"> {
  return new Promise((resolve) => {
    if (p.exitCode !== null) return resolve(p.exitCode);
    const t = setTimeout(() => resolve("running"), ms);
    p.once("exit", (code) => (clearTimeout(t), resolve(code)));
  });
}

test.describe.configure({ mode: "serial" });

test("[INGEST] nginx-rtmp refuses a publish with a wrong stream key; the session stays scheduled", async ({ page }) => {
  const ffmpeg = publish("not-the-key");
  expect(await exited(ffmpeg, 20_000)).not.toBe(0);
  await page.goto(`/live/${SESSION}`);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "scheduled");
});

test("[INGEST] ffmpeg publishes with the demo key → live, the viewer's video plays the HLS stream; ffmpeg stops → after the grace the session ends and its recording is the replay", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(`/live/${SESSION}`);
  await expect(page.getByTestId("live-room")).toHaveAttribute("data-connected", "true");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "scheduled");

  const ffmpeg = publish("demo-stream-key");
  try {
    // No reload: the publish hook starts the session and the SSE stream tells the page.
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live", { timeout: 20_000 });
    const video = page.getByTestId("live-video");
    const at = () => video.evaluate((v: HTMLVideoElement) => v.currentTime);
    await expect.poll(at, { timeout: 45_000 }).toBeGreaterThan(1);
    const first = await at();
    await expect.poll(at, { timeout: 15_000 }).toBeGreaterThan(first + 1);
  } finally {
    ffmpeg.kill("SIGINT");
    await exited(ffmpeg, 10_000);
  }

  // The publisher is gone: the session stays live through the grace (2 s here), then the sweep ends it.
  await expect
    .poll(
      async () => {
        await serverClock(page, { sweep: true });
        return page.getByTestId("live-status").getAttribute("data-status");
      },
      { timeout: 30_000, intervals: [1000] },
    )
    .toBe("ended");

  // nginx recorded the broadcast and remuxed it to MP4: the page now plays it as the replay.
  await page.reload();
  const replay = page.getByTestId("live-video");
  await expect
    .poll(() => replay.evaluate((v: HTMLVideoElement) => v.currentSrc), { timeout: 15_000 })
    .toMatch(/\/rec\/live_demo_hudun.*\.mp4$/);
  await expect
    .poll(() => replay.evaluate((v: HTMLVideoElement) => v.duration || 0), { timeout: 15_000 })
    .toBeGreaterThan(3);
});
