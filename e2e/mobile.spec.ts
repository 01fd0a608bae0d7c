import { expect, test } from "@playwright/test";

test("[MOBILE] home, catalog and product page fit 375 px without sideways scrolling", async ({ page }) => {
  for (const path of ["/", "/products", "/products/hudun-rice", "/coops/daliu-coop", "/login"]) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await page.goto("/products/hudun-rice");
  const buy = page.getByTestId("add-to-cart-button");
  await buy.scrollIntoViewIfNeeded();
  const box = (await buy.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(375);
});
