import { expect, test } from "@playwright/test";
import { roleContext } from "./support";

// 弹幕 in the demo's scheduled room (comments are taken before the broadcast too): two viewers, the streamer's
// control room, and a muted viewer whose comment reaches nobody else.
const ROOM = "/live/live_demo_hudun";

test("[LIVE] two viewers see each other's comments within a second; a muted viewer's comment reaches nobody else", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(60_000);
  const a = await roleContext(browser, "buyer", baseURL!);
  const b = await roleContext(browser, "station", baseURL!);
  const streamer = await roleContext(browser, "streamer", baseURL!);
  for (const p of [a.page, b.page]) {
    await p.goto(ROOM);
    await expect(p.getByTestId("live-room")).toHaveAttribute("data-connected", "true");
  }
  await streamer.page.goto("/streamer/sessions/live_demo_hudun/control");
  const tag = Date.now().toString(36).slice(-5);
  const say = async (page: typeof a.page, text: string) => {
    await page.getByTestId("comment-input").fill(text);
    await page.getByTestId("comment-send").click();
    await expect(page.getByTestId("comment-input")).toHaveValue("");
  };

  const first = `米什么时候发货 ${tag}`;
  await say(a.page, first);
  const sentAt = Date.now();
  await expect(b.page.getByTestId("comments").getByText(first)).toBeVisible({ timeout: 1_000 });
  const reply = `今天下单明天到 ${tag}`;
  await say(b.page, reply);
  await expect(a.page.getByTestId("comments").getByText(reply)).toBeVisible({ timeout: 1_000 });
  console.log(`[LIVE] comment seen by the other viewer after ≤ ${Date.now() - sentAt} ms (both ways)`);

  // The streamer mutes the second viewer from the control room.
  const row = streamer.page.getByTestId("control-comment").filter({ hasText: reply });
  await expect(row).toBeVisible({ timeout: 1_000 });
  streamer.page.once("dialog", (d) => void d.accept());
  await row.getByTestId("comment-mute").click();
  await expect(row.getByTestId("comment-mute")).toBeEnabled();

  await b.page.waitForTimeout(2_100); // one comment per 2 s per person
  const hidden = `加我私聊 ${tag}`;
  await say(b.page, hidden);
  await expect(b.page.getByTestId("comments").getByText(hidden)).toBeVisible();
  await expect(b.page.getByTestId("comments").getByText("(仅你可见)")).toBeVisible();
  // Nobody else: not the other viewer, not the control room, not a new visitor's snapshot.
  await a.page.waitForTimeout(1_500);
  await expect(a.page.getByTestId("comments").getByText(hidden)).toHaveCount(0);
  await expect(streamer.page.getByTestId("control-comments").getByText(hidden)).toHaveCount(0);
  const fresh = await browser.newPage({ baseURL });
  await fresh.goto(ROOM);
  await expect(fresh.getByTestId("comments").getByText(reply)).toBeVisible();
  await expect(fresh.getByTestId("comments").getByText(hidden)).toHaveCount(0);
  // A like counts on the liker's screen at once and reaches the other viewer.
  const before = Number(await b.page.getByTestId("like-count").textContent());
  await a.page.getByTestId("like").click();
  await expect(b.page.getByTestId("like-count")).toHaveText(String(before + 1), { timeout: 3_000 });
  for (const c of [a.context, b.context, streamer.context]) await c.close();
  await fresh.close();
});
