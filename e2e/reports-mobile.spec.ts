import { expect, test, type Locator, type Page } from "@playwright/test";
import { signedInAs } from "./support";

/** A chart's SVG, decoded from its data: URL. */
async function svgOf(img: Locator): Promise<string> {
  const src = (await img.getAttribute("src"))!;
  expect(src.startsWith("data:image/svg+xml;base64,")).toBe(true);
  return Buffer.from(src.split(",")[1]!, "base64").toString("utf8");
}

/** Every chart on the page: present, drawn as SVG with the series it says, each named in its legend. */
async function expectCharts(page: Page, expected: { series: number; names: string[] }[]) {
  const charts = page.getByTestId("report-chart");
  await expect(charts).toHaveCount(expected.length);
  for (const [i, e] of expected.entries()) {
    const chart = charts.nth(i);
    await expect(chart).toHaveAttribute("data-series", String(e.series));
    const svg = await svgOf(chart);
    expect(svg.startsWith("<svg")).toBe(true);
    for (const name of e.names) expect(svg).toContain(`>${name}</text>`);
    // Legible at 375 px: the image fits the screen.
    const box = (await chart.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(375);
    expect(box.width).toBeGreaterThan(250);
  }
  // No page scrolls sideways on a phone (tables scroll inside their own box).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

const channels = ["商城", "社区团购", "拼团", "直播", "直播回放"];

test.describe("reports at 375 px", () => {
  test.describe("cooperative", () => {
    test.use(signedInAs("coop"));
    test("[REPORTS] /coop/reports draws revenue and orders by channel, with the figures in tables", async ({
      page,
    }) => {
      await page.goto("/coop/reports");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("销售报表");
      await expectCharts(page, [
        { series: 5, names: channels },
        { series: 5, names: channels },
      ]);
      // The same figures as a table: one row per day of the last 30.
      await expect(page.getByTestId("report-table-buckets").getByTestId("report-row")).toHaveCount(30);
      await expect(page.getByTestId("report-table-channels").getByTestId("report-row")).toHaveCount(5);
      const csv = await page.request.get((await page.getByTestId("report-csv-channels").getAttribute("href"))!);
      expect(csv.status()).toBe(200);
      expect((await csv.text()).split("\r\n")[0]).toBe("\uFEFFchannel,revenue,orders,units,share");
      await page.getByRole("link", { name: "近一年" }).click();
      await expect(page).toHaveURL(/range=year/);
      await expect(page.getByTestId("report-table-buckets").getByTestId("report-row")).toHaveCount(13);
    });
  });

  test.describe("station", () => {
    test.use(signedInAs("station"));
    test("[REPORTS] /station/reports draws handovers and uncollected orders per day", async ({ page }) => {
      await page.goto("/station/reports");
      await expectCharts(page, [{ series: 2, names: ["已交货", "过期未取"] }]);
      await expect(page.getByTestId("report-table-days").getByTestId("report-row")).toHaveCount(30);
    });
  });

  test.describe("admin", () => {
    test.use(signedInAs("admin"));
    test("[REPORTS] /admin/reports draws GMV and orders by week", async ({ page }) => {
      await page.goto("/admin/reports");
      await expectCharts(page, [
        { series: 1, names: ["销售额"] },
        { series: 1, names: ["订单数"] },
      ]);
      await expect(page.getByTestId("report-table-coops").getByTestId("report-row").first()).toContainText(
        "大柳村丰产粮油合作社",
      );
    });
  });

  test.describe("streamer", () => {
    test.use(signedInAs("streamer"));
    test("[REPORTS] a past live session's report: its drop and its sale", async ({ page }) => {
      await page.goto("/streamer/sessions/live_demo_new_rice/report");
      await expectCharts(page, [{ series: 1, names: [] }]);
      const drops = page.getByTestId("report-table-drops").getByTestId("report-row");
      await expect(drops).toHaveCount(1);
      await expect(drops.first()).toContainText("湖墩大米");
      await expect(drops.first()).toContainText("¥118");
      await expect(page.getByTestId("figure-orders").getByTestId("figure-value")).toHaveText("1");
    });
  });
});
