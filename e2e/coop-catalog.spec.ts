import { expect, test } from "@playwright/test";
import { signIn } from "./support";

// A 1×1 PNG.
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

test("[COOP] a cooperative lists a new product with stock and an image, and it appears in the shop", async ({ page }) => {
  const slug = `e2e-rice-${Date.now().toString(36)}`;
  await signIn(page, "coop@example.com", undefined, "/coop");
  await page.getByTestId("new-product").click();
  const form = page.getByTestId("product-form");
  await form.getByLabel("中文名").fill("湖墩糙米");
  await form.getByLabel("英文名").fill("Hudun Brown Rice");
  await form.getByLabel("拼音(不带声调)").fill("hudun caomi");
  await form.getByLabel("网址标识(英文小写与连字符)").fill(slug);
  await form.getByLabel("产地村(中文)").fill("大柳村");
  await form.getByLabel("产地村(英文)").fill("Daliu Village");
  await form.getByLabel("产地镇街(中文)").fill("惠民街道");
  await form.getByLabel("产地镇街(英文)").fill("Huimin");
  await form.getByLabel("详细介绍(中文)").fill("<script>alert('x')</script>糙米更有营养");
  await form.getByTestId("save-product").click();
  await expect(page).toHaveURL(/\/coop\/products\/prd_/);

  const add = page.getByTestId("new-variant-form");
  await add.getByLabel("规格名(中文)").fill("2.5kg");
  await add.getByLabel("规格名(英文)").fill("2.5 kg");
  await add.getByLabel("SKU").fill(`${slug}-25`.toUpperCase());
  await add.getByLabel("价格(元)").fill("39.90");
  await add.getByRole("button").click();
  const sku = `${slug}-25`.toUpperCase();
  await expect(page.getByTestId(`variant-${sku}`)).toBeVisible();

  const receive = page.getByTestId(`receive-${sku}`);
  await receive.getByLabel("入库数量").fill("40");
  await receive.getByRole("button").click();
  await expect(page.getByTestId(`stock-${sku}`)).toHaveText("库存 40");

  const adjust = page.getByTestId(`adjust-${sku}`);
  await adjust.getByLabel("调整数量(可为负)").fill("-41");
  await adjust.getByLabel("调整原因").fill("盘点");
  await adjust.getByRole("button").click();
  await expect(adjust.getByRole("alert").first()).toBeVisible();
  await expect(page.getByTestId(`stock-${sku}`)).toHaveText("库存 40");

  await page.getByTestId("image-input").setInputFiles({ name: "rice.png", mimeType: "image/png", buffer: png });
  await expect(page.getByTestId("product-image")).toHaveAttribute("src", /^\/uploads\/[a-z0-9]{24}\.png$/);
  await page.getByTestId("image-input").setInputFiles({ name: "evil.jpg", mimeType: "image/jpeg", buffer: Buffer.from("<svg onload=alert(1)>") });
  await expect(page.getByText("只支持 PNG、JPEG、WebP 图片")).toBeVisible();

  await page.getByTestId("status-published").click();
  await expect(page.getByTestId("product-status")).toHaveText("已上架");

  await page.goto(`/products/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("湖墩糙米");
  await expect(page.getByText("<script>alert('x')</script>糙米更有营养")).toBeVisible();
  await expect(page.getByTestId("variant-option")).toContainText("¥39.90");
});

test("[COOP] another cooperative's product answers 404, in pages and in the upload route", async ({ page }) => {
  await signIn(page, "coop@example.com", undefined, "/coop");
  const res = await page.goto("/coop/products/prd_yaozhuang_yellow_peach");
  expect(res?.status()).toBe(404);
  const upload = await page.request.post("/api/coop/products/prd_yaozhuang_yellow_peach/image", {
    multipart: { image: { name: "a.png", mimeType: "image/png", buffer: png } },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(upload.status()).toBe(404);
  const crossSite = await page.request.post("/api/coop/products/prd_hudun_rice/image", {
    multipart: { image: { name: "a.png", mimeType: "image/png", buffer: png } },
    headers: { origin: "https://evil.tld" },
  });
  expect(crossSite.status()).toBe(403);
});
