import { expect, test } from "@playwright/test";

test("[SHOP] home page shows the seeded cooperatives and 湖墩大米", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("驿站");
  await expect(page.getByTestId("product-card").filter({ hasText: "湖墩大米" }).first()).toBeVisible();
  await expect(page.getByTestId("coop-card").filter({ hasText: "大柳村丰产粮油合作社" })).toBeVisible();
});

test("[SHOP] English is one click away and remembered", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "切换语言" }).click();
  await expect(page.getByTestId("product-card").filter({ hasText: "Hudun Rice" }).first()).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});
