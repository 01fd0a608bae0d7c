import { expect, test } from "@playwright/test";

test("[SHOP] search finds 湖墩大米 by pinyin, with or without spaces, and by English", async ({ page }) => {
  for (const q of ["hudun", "hudundami", "hudun dami", "Hudun Rice"]) {
    await page.goto(`/products?q=${encodeURIComponent(q)}`);
    await expect(page.getByTestId("product-card").filter({ hasText: "湖墩大米" }).first(), q).toBeVisible();
  }
  await page.goto("/products");
  await page.getByRole("textbox", { name: "搜索" }).fill("黄桃");
  await page.getByRole("search").getByRole("button").click();
  await expect(page.getByTestId("product-card")).toHaveCount(2);
});

test("[SHOP] category pages, filters and sort", async ({ page }) => {
  await page.goto("/products");
  await page.getByTestId("category-fruit").click();
  await expect(page).toHaveURL(/\/categories\/fruit/);
  await expect(page.getByTestId("product-card").filter({ hasText: "姚庄黄桃" })).toBeVisible();
  await expect(page.getByTestId("product-card").filter({ hasText: "湖墩大米" })).toHaveCount(0);
  await page.goto("/products?coop=daliu-coop&sort=price_asc");
  const names = await page.getByTestId("product-card").locator("h3").allTextContents();
  expect(names).toEqual(["湖墩大米", "大柳村菜籽油", "湖墩大米礼盒"]);
});

test("[SHOP] the product page shows variants, stock, provenance and the cooperative", async ({ page }) => {
  await page.goto("/products/hudun-rice");
  await expect(page.getByTestId("variant-option")).toHaveCount(2);
  await expect(page.getByTestId("provenance")).toContainText("大柳村");
  await expect(page.getByTestId("provenance")).toContainText("绿色食品");
  await page.getByTestId("coop-story").getByRole("link").click();
  await expect(page).toHaveURL(/\/coops\/daliu-coop/);
  await expect(page.getByTestId("product-card").filter({ hasText: "湖墩大米礼盒" })).toBeVisible();
  await page.goto("/products/yaozhuang-yellow-peach");
  await expect(page.getByTestId("variant-option").filter({ hasText: "10斤装" })).toContainText("仅剩 6 件");
  expect((await page.goto("/products/no-such-thing"))?.status()).toBe(404);
});
