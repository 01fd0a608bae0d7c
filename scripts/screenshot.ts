/**
 * Takes the README's screenshots: a page on a 375 px phone, demo data, signed in as a demo account if one is given.
 * `npx tsx scripts/screenshot.ts [path] [file] [account]`. Needs `npm run build`.
 */
import fs from "node:fs";
import { chromium } from "@playwright/test";
import { startServer, stopServer } from "../bench/lib";

const dataDir = ".data/screenshot";
fs.rmSync(dataDir, { recursive: true, force: true });
const server = await startServer(3404, { DATA_DIR: dataDir, DATABASE_URL: "", SWEEP_INTERVAL_SECONDS: "0" });
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: "zh-CN" });
  const account = process.argv[4];
  if (account) {
    await page.goto("http://127.0.0.1:3404/login", { waitUntil: "load" });
    await page
      .getByTestId("login-form")
      .getByLabel(/邮箱或手机号/)
      .fill(account);
    await page
      .getByTestId("login-form")
      .getByLabel(/^密码$/)
      .fill("demo-password");
    await page.getByTestId("login-form").getByRole("button").click();
    await page.getByTestId("account-menu").waitFor();
  }
  await page.goto(`http://127.0.0.1:3404${process.argv[2] ?? "/"}`, { waitUntil: "load" });
  await page.waitForTimeout(500);
  await page.screenshot({ path: process.argv[3] ?? "docs/screenshot.png" });
} finally {
  await browser.close();
  stopServer(server);
}
