import { expect, test } from "@playwright/test";
import { roleContext } from "./support";

/** Shanghai wall-clock time `hours` from now, as a datetime-local value. */
function shanghaiLocal(hours: number) {
  return new Date(Date.now() + (8 + hours) * 3_600_000).toISOString().slice(0, 16);
}

test("[LIVE] streamer schedules, goes live, pins 湖墩大米, opens a 50-unit drop; a viewer sees it without reload and buys; the replay shows the timeline", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const streamer = await roleContext(browser, "streamer", baseURL!);
  streamer.page.on("dialog", (d) => d.accept());
  const title = `湖墩新米开仓 ${Date.now().toString(36)}`;

  await streamer.page.goto("/streamer");
  const form = streamer.page.getByTestId("new-session-form");
  await form.locator('[name="title"]').fill(title);
  await form.locator('[name="scheduledAt"]').fill(shanghaiLocal(1));
  await form.getByLabel("大柳村丰产粮油合作社").check();
  await form.getByTestId("save-session").click();
  await expect(streamer.page).toHaveURL(/\/streamer\/sessions\/[^/]+$/);
  const sessionId = new URL(streamer.page.url()).pathname.split("/").pop()!;

  const bag = streamer.page.getByTestId("bag-editor");
  await bag.getByTestId("bag-湖墩大米").check();
  await bag.getByTestId("save-bag").click();
  await expect(bag.getByText("已保存")).toBeVisible();

  // The viewer arrives before the broadcast starts and never reloads.
  const viewer = await roleContext(browser, "buyer", baseURL!);
  await viewer.page.goto(`/live/${sessionId}`);
  await expect(viewer.page.getByTestId("live-room")).toHaveAttribute("data-connected", "true");
  await expect(viewer.page.getByTestId("live-status")).toHaveAttribute("data-status", "scheduled");
  await expect(viewer.page.getByTestId("pinned-card")).toHaveCount(0);

  await streamer.page.goto(`/streamer/sessions/${sessionId}/control`);
  const room = streamer.page.getByTestId("control-room");
  await room.getByTestId("go-live").click();
  await expect(room).toHaveAttribute("data-status", "live");
  await expect(viewer.page.getByTestId("live-status")).toHaveAttribute("data-status", "live");

  await room.getByTestId("pin-hudun-rice").click();
  await expect(viewer.page.getByTestId("pinned-card")).toContainText("湖墩大米");

  const drop = room.getByTestId("open-drop-form");
  const variant = await drop
    .locator('select[name="variantId"] option', { hasText: "湖墩大米" })
    .first()
    .getAttribute("value");
  await drop.locator('select[name="variantId"]').selectOption(variant!);
  await drop.locator('[name="price"]').fill("39.90");
  await drop.locator('[name="quantityCap"]').fill("50");
  await drop.locator('[name="perBuyerLimit"]').fill("2");
  await drop.locator('[name="durationSeconds"]').fill("600");
  await drop.getByTestId("open-drop").click();
  await expect(room.getByTestId("control-units-left")).toContainText("50");

  const card = viewer.page.getByTestId("drop-card");
  await expect(card).toContainText("¥39.90");
  await expect(card.getByTestId("drop-countdown")).toBeVisible();
  await expect(card.getByTestId("drop-units-left")).toHaveAttribute("data-units", "50");
  await card.getByTestId("drop-buy").click();
  await card.getByTestId("drop-confirm").locator('[name="quantity"]').fill("2");
  await card.getByTestId("drop-confirm-buy").click();
  await expect(card.getByTestId("drop-bought")).toBeVisible();
  await expect(card.getByTestId("drop-units-left")).toHaveAttribute("data-units", "48");
  await expect(room.getByTestId("control-units-left")).toContainText("48");
  // The buyer's order is a real one, at the drop price.
  const number = (await card.getByTestId("drop-bought").getByRole("link").textContent())!.trim();

  await room.getByTestId("end-live").click();
  await expect(room).toHaveAttribute("data-status", "ended");
  await expect(viewer.page.getByTestId("live-status")).toHaveAttribute("data-status", "ended");
  const timeline = viewer.page.getByTestId("replay-timeline");
  await expect(timeline).toContainText("湖墩大米");
  await expect(timeline.getByTestId("timeline-jump").first()).toContainText(/^0:\d\d/);

  await viewer.page.goto(`/orders/${number}`);
  await expect(viewer.page.getByTestId("order-line")).toContainText("¥39.90 × 2");
  await streamer.context.close();
  await viewer.context.close();
});
