import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { resetEnvForTests } from "../../lib/env";

/** Points UPLOAD_DIR at a fresh temporary folder for this test file; returns a getter for the folder. */
export function setupTempUploadDir(): () => string {
  let dir = "";
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "elian-uploads-"));
    process.env.UPLOAD_DIR = dir;
    resetEnvForTests();
  });
  afterAll(() => {
    delete process.env.UPLOAD_DIR;
    resetEnvForTests();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}
