import fs from "node:fs";
import path from "node:path";
import { test as setup } from "@playwright/test";
import { demoAccounts, signIn, storageStateOf, type DemoRole } from "./support";

// Each demo role signs in once per run, through the form; the specs start from these cookies (signedInAs).
for (const role of Object.keys(demoAccounts) as DemoRole[]) {
  setup(`[SETUP] ${role} signs in once for the specs`, async ({ page }) => {
    await signIn(page, demoAccounts[role]);
    fs.mkdirSync(path.dirname(storageStateOf(role)), { recursive: true });
    await page.context().storageState({ path: storageStateOf(role) });
  });
}
