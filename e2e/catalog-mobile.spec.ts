import { expect, test, type Page } from "@playwright/test";

const overflowOf = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("[MOBILE] the catalog pages fit a 375 px phone without sideways scrolling", async ({ page }) => {
  for (const path of [
    "/products",
    "/products?q=hudun&sort=price_asc",
    "/categories/grain",
    "/products/hudun-rice",
    "/products/xitang-zongzi",
    "/coops",
    "/coops/daliu-coop",
  ]) {
    await page.goto(path);
    expect(await overflowOf(page), path).toBeLessThanOrEqual(0);
  }
});

test("[MOBILE] on the product page the variants, the buy button and the provenance are on screen and usable", async ({
  page,
}) => {
  await page.goto("/products/hudun-rice");
  const width = page.viewportSize()!.width;
  for (const target of [
    page.getByTestId("variant-option").nth(1),
    page.getByTestId("add-to-cart-button"),
    page.getByTestId("provenance"),
  ]) {
    await target.scrollIntoViewIfNeeded();
    const box = (await target.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
  }
  await page.getByTestId("variant-option").nth(1).tap();
  await page.getByTestId("add-to-cart-button").tap();
  await expect(page.getByTestId("added-to-cart")).toBeVisible();
});

test("[MOBILE] the filter form works on a phone", async ({ page }) => {
  await page.goto("/products");
  await page.getByRole("searchbox", { name: "搜索" }).fill("hudun dami");
  await page.getByRole("button", { name: "搜索", exact: true }).tap();
  await expect(page.getByTestId("product-card").filter({ hasText: "湖墩大米" }).first()).toBeVisible();
  expect(await overflowOf(page)).toBeLessThanOrEqual(0);
});
