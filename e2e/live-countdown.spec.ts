import { expect, test } from "@playwright/test";
import { act, ok } from "./actions";
import { HttpClient } from "./http";
import { scheduleSession } from "./live-drop";

const STREAMER = "app/(workspace)/streamer/actions.ts";

test("[LIVE] a drop opened while the viewer's page has been open a while counts down from its real time left", async ({
  page,
  baseURL,
}) => {
  const streamer = new HttpClient(baseURL!);
  expect((await streamer.signIn("streamer@example.com", "demo-password")).status).toBe(302);
  const sessionId = await scheduleSession(streamer, "倒计时测试");
  ok(await act(streamer, STREAMER, "setBagAction", { sessionId, productIds: "prd_hudun_rice" }), "bag");
  ok(await act(streamer, STREAMER, "goLiveAction", { sessionId }), "go live");

  await page.goto(`/live/${sessionId}`);
  await expect(page.getByTestId("live-room")).toHaveAttribute("data-connected", "true");
  await page.waitForTimeout(8_000); // the page has been open 8 s when the drop opens
  ok(
    await act(streamer, STREAMER, "openDropAction", {
      sessionId,
      variantId: "var_hudun_10kg",
      price: "99",
      quantityCap: "20",
      perBuyerLimit: "2",
      durationSeconds: "120",
    }),
    "drop",
  );
  const countdown = page.getByTestId("drop-countdown");
  await expect(countdown).toBeVisible();
  const left = Number(await countdown.getAttribute("data-seconds-left"));
  // It opened with 120 s; counting the page's 8 s of age as clock skew showed about 128.
  expect(left).toBeLessThanOrEqual(120);
  expect(left).toBeGreaterThanOrEqual(112);
});
