import { expect, test, type Page } from "@playwright/test";

const card = (page: Page, name: string) =>
  page.getByTestId("product-card").filter({ has: page.getByRole("heading", { name, exact: true }) });
const cardTitles = (page: Page) => page.getByTestId("product-card").locator("h3");

test("[SHOP] search finds 湖墩大米 by Chinese, by pinyin with or without spaces, and by English", async ({ page }) => {
  for (const q of ["湖墩", "hudun", "hudundami", "hudun dami", "HUDUN rice"]) {
    await page.goto(`/products?q=${encodeURIComponent(q)}`);
    await expect(card(page, "湖墩大米").first(), q).toBeVisible();
  }
  await page.goto("/products");
  await page.getByRole("searchbox", { name: "搜索" }).fill("hudun");
  await page.getByRole("button", { name: "搜索", exact: true }).click();
  await expect(page).toHaveURL(/[?&]q=hudun/);
  // Empty filters stay out of the address (a link someone shares stays short).
  expect(new URL(page.url()).search).not.toMatch(/[?&](min|max|town|coop)=(&|$)/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("“hudun”的搜索结果");
  await expect(card(page, "湖墩大米").first()).toBeVisible();
  await expect(card(page, "姚庄黄桃")).toHaveCount(0);
  await expect(page.getByTestId("result-count")).toHaveText("共 2 件商品");
});

test("[SHOP] category chips, the filter form and sort", async ({ page }) => {
  await page.goto("/products");
  await page.getByTestId("category-fruit").click();
  await expect(page).toHaveURL(/\/categories\/fruit$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("时令水果");
  await expect(card(page, "姚庄黄桃")).toBeVisible();
  await expect(card(page, "湖墩大米")).toHaveCount(0);

  await page.getByText("筛选与排序").click();
  await page.getByLabel("产地").selectOption({ label: "广陈镇" });
  await page.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(page).toHaveURL(/\/categories\/fruit\?.*town=/);
  await expect(cardTitles(page)).toHaveText(["平湖西瓜"]);

  await page.goto("/products");
  await page.getByText("筛选与排序").click();
  await page.getByLabel("合作社").selectOption({ label: "大柳村丰产粮油合作社" });
  await page.getByLabel("排序").selectOption({ label: "价格从低到高" });
  await page.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(cardTitles(page)).toHaveText(["湖墩大米", "大柳村菜籽油", "湖墩大米礼盒"]);
  await page.getByLabel("最高价").fill("100");
  await page.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(cardTitles(page)).toHaveText(["湖墩大米", "大柳村菜籽油"]);

  await page.getByTestId("clear-filters").click();
  await expect(page).toHaveURL(/\/products$/);
});

test("[SHOP] bad query parameters show the catalog or an empty result, never an error", async ({ page }) => {
  const res = await page.goto(
    `/products?sort=${encodeURIComponent("price;DROP TABLE products")}&page=-1&min=abc&category=weapons`,
  );
  expect(res?.status()).toBe(200);
  await expect(card(page, "湖墩大米").first()).toBeVisible();
  await page.goto(`/products?q=${encodeURIComponent("' OR 1=1--")}`);
  await expect(page.getByTestId("catalog-empty")).toBeVisible();
  await expect(page.getByTestId("result-count")).toHaveText("共 0 件商品");
});

test("[SHOP] the product page: variants, stock, provenance, the cooperative, adding to the cart", async ({ page }) => {
  await page.goto("/products/hudun-rice");
  await expect(page).toHaveTitle(/^湖墩大米/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("湖墩大米");
  const variants = page.getByTestId("variant-option");
  await expect(variants).toHaveCount(2);
  await expect(variants.nth(0)).toContainText("5kg 装");
  await expect(variants.nth(0)).toContainText("¥69.80");
  await expect(variants.nth(1)).toContainText("10kg 装");
  await expect(variants.nth(1)).toContainText("¥128");
  await expect(variants.nth(0)).toContainText("有货");
  const provenance = page.getByTestId("provenance");
  await expect(provenance).toContainText("大柳村");
  await expect(provenance).toContainText("惠民街道");
  await expect(provenance).toContainText("2026年10月28日");
  await expect(provenance).toContainText("绿色食品");
  await expect(provenance).toContainText("地理标志");

  await variants.nth(1).click();
  await page.getByLabel("数量").fill("2");
  await page.getByTestId("add-to-cart-button").click();
  await expect(page.getByTestId("added-to-cart")).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("2");

  await page.getByTestId("coop-link").click();
  await expect(page).toHaveURL(/\/coops\/daliu-coop$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("大柳村丰产粮油合作社");
  await expect(page.getByTestId("coop-page")).toContainText("0573-84601234");
  for (const name of ["湖墩大米", "湖墩大米礼盒", "大柳村菜籽油"]) await expect(card(page, name).first()).toBeVisible();
});

test("[SHOP] low stock and sold-out variants, and pages that do not exist", async ({ page }) => {
  await page.goto("/products/yaozhuang-yellow-peach");
  await expect(page.getByTestId("variant-option").filter({ hasText: "10斤装" })).toContainText("仅剩 6 件");
  await page.goto("/products/xitang-zongzi");
  const soldOut = page.getByTestId("variant-option").filter({ hasText: "蛋黄肉粽" });
  await expect(soldOut).toContainText("已售罄");
  await expect(soldOut.getByRole("radio")).toBeDisabled();
  for (const path of ["/products/no-such-thing", "/categories/weapons", "/coops/no-such-coop"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
});

test("[SHOP] the cooperatives list links to each cooperative", async ({ page }) => {
  await page.goto("/coops");
  await page.getByTestId("coop-card").filter({ hasText: "姚庄黄桃专业合作社" }).click();
  await expect(page).toHaveURL(/\/coops\/yaozhuang-peach-coop$/);
  await expect(card(page, "姚庄黄桃")).toBeVisible();
});

test("[SHOP] in English, the catalog and the product page show the English names", async ({ page }) => {
  await page.goto("/products/hudun-rice");
  await page.getByRole("button", { name: "切换语言" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveURL(/\/products\/hudun-rice$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hudun Rice");
  await expect(page.getByTestId("variant-option").nth(0)).toContainText("5 kg bag");
  await expect(page.getByTestId("provenance")).toContainText("Daliu Village");
  await expect(page.getByTestId("provenance")).toContainText("Green Food");
  await expect(page.getByTestId("coop-story")).toContainText("Daliu Village Fengchan Grain & Oil Cooperative");
  await page.goto("/products?q=hudun");
  await expect(card(page, "Hudun Rice").first()).toBeVisible();
  await expect(page.getByTestId("result-count")).toHaveText("2 products");
  await page.goto("/categories/fruit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fruit");
  await expect(card(page, "Yaozhuang Yellow Peaches")).toBeVisible();
});
