import { expect, test, type Browser, type Page } from "@playwright/test";
import { orgCodeCheckChar, usccCheckChar } from "../lib/joining/contract";
import { roleContext } from "./support";

// A real 2×2 PNG: the licence photo and the product image.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);

/** A valid 统一社会信用代码 of a 农民专业合作社 (9 工商, 3 合作社, 330421 嘉善县) that no other run has used. */
function freshUscc(): string {
  const org8 = String(Date.now() % 100_000_000).padStart(8, "0");
  const first17 = `93330421${org8}${orgCodeCheckChar(org8)}`;
  return `${first17}${usccCheckChar(first17)}`;
}

/** Shanghai wall-clock time `hours` from now, as a datetime-local value. */
function shanghaiLocal(hours: number) {
  return new Date(Date.now() + (8 + hours) * 3_600_000).toISOString().slice(0, 16);
}

/** Shanghai calendar day `days` from now, as a date input value. */
function shanghaiDay(days: number) {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A new person signs up through the form in a browser of their own and lands signed in. */
async function newAccount(browser: Browser, baseURL: string, name: string, email: string) {
  const context = await browser.newContext({ baseURL, locale: "zh-CN", storageState: undefined });
  const page = await context.newPage();
  await page.goto("/signup");
  const form = page.getByTestId("signup-form");
  await form.getByLabel("昵称").fill(name);
  await form.getByLabel("邮箱").fill(email);
  await form.getByLabel("密码").fill("new-member-pass-1");
  await form.getByRole("button").click();
  await expect(page.getByTestId("account-menu")).toBeVisible();
  return { context, page };
}

/** The admin opens the newest pending application of `name` and approves it. */
async function approve(admin: Page, applicant: string) {
  await admin.goto("/admin/applications?status=pending");
  await admin.getByTestId("application-row").filter({ hasText: applicant }).first().getByRole("link").first().click();
  const detail = admin.getByTestId("admin-application");
  await expect(detail).toContainText(applicant);
  admin.once("dialog", (d) => d.accept());
  await detail.getByTestId("approve-application").getByRole("button").click();
  await expect(detail.getByTestId("joined-status")).toHaveAttribute("data-status", "active");
}

test("[JOIN] a new account applies as a cooperative, is approved, lists a product a buyer orders; a new streamer agrees with it and pins the product live", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const tag = Date.now().toString(36);
  const coopName = `双溪${tag}粮油合作社`;
  const productName = `双溪香米${tag}`;
  const slug = `shuangxi-rice-${tag}`;
  const sku = `SX-${tag}-5`.toUpperCase();

  // 1. A villager makes an account and applies for the cooperative.
  const founder = await newAccount(browser, baseURL!, `沈${tag}`, `founder-${tag}@example.com`);
  await founder.page.goto("/apply");
  await founder.page.getByTestId("apply-coop").click();
  const form = founder.page.getByTestId("apply-coop-form");
  await form.getByLabel("合作社名称(与营业执照一致)").fill(coopName);
  // A code with a wrong check character is a field error and nothing is filed.
  const uscc = freshUscc();
  const wrong = `${uscc.slice(0, 17)}${uscc[17] === "0" ? "1" : "0"}`;
  await form.getByLabel("统一社会信用代码").fill(wrong);
  await form.getByLabel("所在乡镇/街道").fill("姚庄镇");
  await form.getByLabel("所在村").fill("双溪村");
  await form.getByLabel("联系人").fill("沈大伯");
  await form.getByLabel("联系电话").fill("13900001234");
  await form.getByLabel("合作社介绍").fill("双溪村三十户社员,种植晚粳稻和油菜,稻田养鸭。");
  await form.getByLabel("粮油").check();
  await form
    .getByTestId("apply-coop-licence-input")
    .setInputFiles({ name: "licence.png", mimeType: "image/png", buffer: png });
  await expect(form.getByTestId("apply-coop-licence").locator("img")).toHaveCount(1);
  await form.getByTestId("apply-submit").click();
  await expect(form.getByLabel("统一社会信用代码")).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("统一社会信用代码").fill(uscc);
  await form.getByTestId("apply-submit").click();
  await expect(founder.page.getByTestId("application-pending")).toBeVisible();
  await founder.page.goto("/apply");
  await expect(founder.page.getByTestId("my-application")).toHaveCount(1);
  await expect(founder.page.getByTestId("my-application")).toContainText("审核中");

  // 2. The admin approves it; the founder's next request has the cooperative workspace.
  const admin = await roleContext(browser, "admin", baseURL!);
  await approve(admin.page, coopName);
  await founder.page.goto("/apply");
  await expect(founder.page.getByTestId("my-application")).toContainText("已通过");

  // 3. The new cooperative lists, stocks and publishes a product.
  await founder.page.goto("/coop");
  await founder.page.getByTestId("new-product").click();
  const product = founder.page.getByTestId("product-form");
  const fill = (label: string, value: string) => product.getByLabel(label, { exact: true }).fill(value);
  await fill("中文名", productName);
  await fill("英文名", "Shuangxi Fragrant Rice");
  await fill("网址标识", slug);
  await fill("产地村(中文)", "双溪村");
  await fill("产地村(英文)", "Shuangxi Village");
  await fill("产地镇街(中文)", "姚庄镇");
  await fill("产地镇街(英文)", "Yaozhuang");
  await product.getByTestId("save-product").click();
  await expect(founder.page).toHaveURL(/\/coop\/products\/prd_[a-z0-9]+\?created=1$/);
  const add = founder.page.getByTestId("new-variant-form");
  await add.getByLabel("规格名(中文)").fill("5kg 装");
  await add.getByLabel("规格名(英文)").fill("5 kg bag");
  await add.getByLabel("SKU").fill(sku);
  await add.getByLabel("价格(元)").fill("59.00");
  await add.getByRole("button", { name: "添加规格" }).click();
  await expect(founder.page.getByTestId(`variant-${sku}`)).toContainText("¥59");
  await founder.page.getByTestId(`stock-link-${sku}`).click();
  await founder.page.getByTestId("receive").getByLabel("入库数量").fill("30");
  await founder.page.getByTestId("receive").getByRole("button", { name: "入库" }).click();
  await expect(founder.page.getByTestId("stock-now")).toHaveText("30");
  await founder.page.getByRole("link", { name: productName }).click();
  founder.page.once("dialog", (d) => d.accept());
  await founder.page.getByTestId("status-published").click();
  await expect(founder.page.getByTestId("product-status")).toHaveText("已上架");

  // 4. A new buyer orders 2 bags for pickup: ¥118, and the stock reads 28.
  const buyer = await newAccount(browser, baseURL!, `顾${tag}`, `buyer-${tag}@example.com`);
  await buyer.page.goto(`/products/${slug}`);
  await expect(buyer.page.getByRole("heading", { level: 1 })).toHaveText(productName);
  await buyer.page.getByTestId("add-to-cart-button").click();
  await expect(buyer.page.getByTestId("cart-count")).toHaveText("1");
  await buyer.page.getByTestId("add-to-cart-button").click();
  await expect(buyer.page.getByTestId("cart-count")).toHaveText("2");
  await buyer.page.goto("/checkout");
  await expect(buyer.page.getByTestId("checkout-lines")).toContainText(productName);
  await buyer.page.getByTestId("station-picker").locator("label").filter({ hasText: "惠民街道大柳村网联驿站" }).click();
  await expect(buyer.page.getByTestId("checkout-total")).toContainText("¥118");
  await buyer.page.getByTestId("place-order").click();
  await expect(buyer.page).toHaveURL(/\/orders\/E\d{6}[0-9A-Z]{6}\?placed=1/);
  await expect(buyer.page.getByTestId("order-line")).toContainText("¥118");
  const orderNumber = new URL(buyer.page.url()).pathname.split("/").pop()!;
  await founder.page.goto("/coop/orders");
  await expect(founder.page.getByTestId("coop-order").filter({ hasText: orderNumber })).toContainText(productName);
  await founder.page.goto("/coop/stock");
  await expect(founder.page.getByTestId(`stock-${sku}`).first()).toContainText("28");

  // 5. A streamer makes an account, applies and is approved.
  const streamerName = `小溪${tag}`;
  const streamer = await newAccount(browser, baseURL!, streamerName, `streamer-${tag}@example.com`);
  await streamer.page.goto("/apply/streamer");
  const sform = streamer.page.getByTestId("apply-streamer-form");
  await sform.getByLabel("主播昵称").fill(streamerName);
  await sform.getByLabel("个人简介").fill("在村口直播卖稻米三年。");
  await sform.getByLabel("已有直播间或账号链接").fill("https://live.example.com/xiaoxi");
  await sform.getByLabel("想卖的地区或产品").fill("嘉善大米");
  await sform.getByTestId("apply-submit").click();
  await expect(streamer.page.getByTestId("application-pending")).toBeVisible();
  await approve(admin.page, streamerName);

  // 6. The streamer asks the new cooperative to carry its rice at 12.5%; the cooperative accepts.
  await streamer.page.goto("/streamer/agreements");
  const propose = streamer.page.getByTestId("propose-agreement-form");
  await propose.getByTestId("agreement-coop").selectOption({ label: coopName });
  await propose.getByTestId("agreement-rate").fill("12.5");
  await propose.getByTestId("agreement-starts-on").fill(shanghaiDay(0));
  await propose.getByTestId("agreement-ends-on").fill(shanghaiDay(30));
  await propose.getByTestId("propose-agreement").click();
  await expect(streamer.page).toHaveURL(/\/streamer\/agreements\/[^/]+$/);
  await expect(streamer.page.getByTestId("agreement-status")).toHaveAttribute("data-status", "proposed");

  await founder.page.goto("/coop/agreements");
  await founder.page
    .getByTestId("coop-agreements-incoming")
    .getByTestId("agreement-card")
    .filter({ hasText: streamerName })
    .click();
  founder.page.once("dialog", (d) => d.accept());
  await founder.page.getByTestId("agreement-accept").click();
  await expect(founder.page.getByTestId("agreement-status")).toHaveAttribute("data-status", "active");
  await expect(founder.page.getByTestId("agreement-terms")).toContainText("12.5%");
  await expect(founder.page.getByTestId("agreement-event")).toHaveCount(2);

  // 7. The product goes into the streamer's bag and is pinned live.
  await streamer.page.goto("/streamer");
  const session = streamer.page.getByTestId("new-session-form");
  await session.locator('[name="title"]').fill(`双溪新米 ${tag}`);
  await session.locator('[name="scheduledAt"]').fill(shanghaiLocal(1));
  await session.getByLabel(coopName).check();
  await session.getByTestId("save-session").click();
  await expect(streamer.page).toHaveURL(/\/streamer\/sessions\/[^/]+$/);
  const bag = streamer.page.getByTestId("bag-editor");
  await bag.getByTestId(`bag-${productName}`).check();
  await bag.getByTestId("save-bag").click();
  await expect(bag.getByText("已保存")).toBeVisible();
  const sessionId = new URL(streamer.page.url()).pathname.split("/").pop()!;
  await streamer.page.goto(`/streamer/sessions/${sessionId}/control`);
  const room = streamer.page.getByTestId("control-room");
  streamer.page.on("dialog", (d) => d.accept());
  await room.getByTestId("go-live").click();
  await expect(room).toHaveAttribute("data-status", "live");
  await room.getByTestId(`pin-${slug}`).click();
  await buyer.page.goto(`/live/${sessionId}`);
  await expect(buyer.page.getByTestId("pinned-card")).toContainText(productName);
  await room.getByTestId("end-live").click();
  await expect(room).toHaveAttribute("data-status", "ended");

  for (const c of [founder, streamer, admin, buyer]) await c.context.close();
});
