import { expect, test, type Page } from "@playwright/test";
import { signedInAs } from "./support";

test.use(signedInAs("coop"));

// A real 2×2 PNG, and an SVG that pretends to be a JPEG.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAABAAAAAQBPJcTWAAAAD0lEQVR4nGNgqGcAIQgFAA3yAf0TIoIjAAAAAElFTkSuQmCC",
  "base64",
);
const svgAsJpeg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
const script = "<script>alert('x')</script>糙米更有营养";

// Another cooperative's (姚庄) demo product and variant.
const foreignProduct = "prd_yaozhuang_yellow_peach";
const foreignVariant = "var_peach_2500";

async function createDraft(page: Page, slug: string) {
  await page.goto("/coop");
  await page.getByTestId("new-product").click();
  const form = page.getByTestId("product-form");
  const fill = (label: string, value: string) => form.getByLabel(label, { exact: true }).fill(value);
  await fill("中文名", "湖墩糙米");
  await fill("英文名", "Hudun Brown Rice");
  await fill("拼音(不带声调)", "hudun caomi");
  await fill("网址标识", slug);
  await fill("产地村(中文)", "大柳村");
  await fill("产地村(英文)", "Daliu Village");
  await fill("产地镇街(中文)", "惠民街道");
  await fill("产地镇街(英文)", "Huimin");
  await fill("详细介绍(中文)", script);
  await form.getByLabel("绿色食品").check();
  await form.getByTestId("save-product").click();
  await expect(page).toHaveURL(/\/coop\/products\/prd_[a-z0-9]+\?created=1$/);
}

test("[COOP] a cooperative lists a product with a variant, stock and an image, publishes it, and it appears in the shop", async ({
  page,
}) => {
  const slug = `e2e-rice-${Date.now().toString(36)}`;
  const sku = `${slug}-25`.toUpperCase();
  // The description carries a script: if it ever ran, it would open an alert.
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await createDraft(page, slug);
  await expect(page.getByTestId("product-status")).toHaveText("草稿");
  await expect(page.getByTestId("status-published")).toBeDisabled();

  const add = page.getByTestId("new-variant-form");
  await add.getByLabel("规格名(中文)").fill("2.5kg 装");
  await add.getByLabel("规格名(英文)").fill("2.5 kg bag");
  await add.getByLabel("SKU").fill(sku.toLowerCase());
  await add.getByLabel("价格(元)").fill("39.90");
  await add.getByRole("button", { name: "添加规格" }).click();
  await expect(page.getByTestId(`variant-${sku}`)).toContainText("¥39.90");
  await expect(page.getByTestId(`stock-${sku}`)).toHaveText("库存 0");

  await page.getByTestId("image-input").setInputFiles({ name: "rice.png", mimeType: "image/png", buffer: png });
  await expect(page.getByTestId("product-image")).toHaveAttribute("src", /^\/uploads\/[a-z0-9]{24}\.webp$/);
  await page.getByTestId("image-input").setInputFiles({ name: "rice.jpg", mimeType: "image/jpeg", buffer: svgAsJpeg });
  await expect(page.getByText("只支持 PNG、JPEG、WebP 图片")).toBeVisible();
  await expect(page.getByTestId("product-image")).toHaveAttribute("src", /\.webp$/);

  await page.getByTestId(`stock-link-${sku}`).click();
  await expect(page.getByTestId("stock-history")).toBeVisible();
  const receive = page.getByTestId("receive");
  await receive.getByLabel("入库数量").fill("40");
  await receive.getByLabel("备注(可不填)").fill("新米到货");
  await receive.getByRole("button", { name: "入库" }).click();
  await expect(page.getByTestId("stock-now")).toHaveText("40");

  const adjust = page.getByTestId("adjust");
  await adjust.getByLabel("调整数量").fill("-41");
  await adjust.getByLabel("调整原因").fill("盘点");
  await adjust.getByRole("button", { name: "调整" }).click();
  await expect(adjust.getByRole("alert").first()).toContainText("调整后库存不能小于 0");
  await expect(adjust.getByLabel("调整数量")).toHaveValue("-41");
  await expect(page.getByTestId("stock-now")).toHaveText("40");

  await adjust.getByLabel("调整数量").fill("-2");
  await adjust.getByLabel("调整原因").fill("破损");
  await adjust.getByRole("button", { name: "调整" }).click();
  await expect(page.getByTestId("stock-now")).toHaveText("38");
  await expect(page.getByTestId("movement-delta")).toHaveText(["-2", "+40"]);
  await expect(page.getByTestId("movement-row").first()).toContainText("破损");

  await page.getByRole("link", { name: "湖墩糙米" }).click();
  await page.getByTestId("status-published").click();
  await expect(page.getByTestId("product-status")).toHaveText("已上架");

  await page.getByTestId("view-in-shop").click();
  await expect(page).toHaveURL(new RegExp(`/products/${slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("湖墩糙米");
  await expect(page.getByText(script)).toBeVisible();
  await expect(page.getByTestId("product-page")).toContainText("¥39.90");
  await expect(page.getByRole("img", { name: "湖墩糙米" })).toHaveAttribute("src", /^\/uploads\/[a-z0-9]{24}\.webp$/);
  expect(dialogs).toEqual([]);

  const image = await page.request.get(
    await page
      .getByRole("img", { name: "湖墩糙米" })
      .getAttribute("src")
      .then((s) => s ?? ""),
  );
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/webp");
  expect(image.headers()["x-content-type-options"]).toBe("nosniff");
  expect(image.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");
});

test("[COOP] a duplicate slug is a field error and nothing is created", async ({ page }) => {
  await page.goto("/coop/products/new");
  const form = page.getByTestId("product-form");
  for (const [label, value] of [
    ["中文名", "重复"],
    ["英文名", "Dup"],
    ["拼音(不带声调)", "chong fu"],
    ["网址标识", "hudun-rice"],
    ["产地村(中文)", "村"],
    ["产地村(英文)", "V"],
    ["产地镇街(中文)", "镇"],
    ["产地镇街(英文)", "T"],
  ]) {
    await form.getByLabel(label!, { exact: true }).fill(value!);
  }
  await form.getByTestId("save-product").click();
  await expect(form.getByText("这个网址标识已被使用").first()).toBeVisible();
  await expect(page).toHaveURL(/\/coop\/products\/new$/);
  await expect(form.getByLabel("中文名", { exact: true })).toHaveValue("重复");
});

test("[COOP] another cooperative's product and variant answer 404, in pages and in the upload route", async ({
  page,
}) => {
  for (const path of [
    `/coop/products/${foreignProduct}`,
    `/coop/stock/${foreignVariant}`,
    "/coop?coop=coop_yaozhuang",
    "/coop/stock?coop=coop_yaozhuang",
  ]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
  }
  const origin = new URL(page.url()).origin;
  const upload = (id: string, headers: Record<string, string>) =>
    page.request.post(`/api/coop/products/${id}/image`, {
      multipart: { image: { name: "a.png", mimeType: "image/png", buffer: png } },
      headers,
    });
  expect((await upload(foreignProduct, { origin })).status()).toBe(404);
  expect((await upload("prd_hudun_rice", { origin: "https://evil.tld" })).status()).toBe(403);
  expect((await page.request.get("/uploads/..%2F..%2Fpglite.lock")).status()).toBe(404);
});

test.describe("[COOP] on a 375 px phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test("[COOP] the workspace pages fit the screen", async ({ page }) => {
    for (const path of [
      "/coop",
      "/coop/products/prd_hudun_rice",
      "/coop/products/new",
      "/coop/stock",
      "/coop/stock/var_hudun_5kg",
    ]) {
      await page.goto(path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
});
