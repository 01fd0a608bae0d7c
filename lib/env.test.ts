import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { authSecret, EnvError, parseEnv } from "./env";

const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "elian-env-"));

describe("environment", () => {
  it("needs nothing for the PGlite demo", () => {
    const e = parseEnv({ NODE_ENV: "development" });
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.seedDemo).toBe(true);
    expect(e.pgliteDir.endsWith(path.join(".data", "pglite"))).toBe(true);
  });

  it("generates an auth secret once in development and keeps it in the data dir", () => {
    const dir = dataDir();
    const e = parseEnv({ NODE_ENV: "development", DATA_DIR: dir });
    const first = authSecret(e);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(authSecret(parseEnv({ NODE_ENV: "development", DATA_DIR: dir }))).toBe(first);
    expect(fs.statSync(path.join(dir, "auth-secret")).mode & 0o077).toBe(0);
  });

  it("a production server on PostgreSQL without AUTH_SECRET stops with a clear message", () => {
    const e = parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://u@127.0.0.1/db", DATA_DIR: dataDir() });
    expect(() => authSecret(e)).toThrow(EnvError);
    expect(() => authSecret(e)).toThrow(/AUTH_SECRET is not set/);
    expect(e.seedDemo).toBe(false);
  });

  it("rejects bad values with the variable's name", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET/);
    expect(() => parseEnv({ SEED_DEMO: "maybe" })).toThrow(/SEED_DEMO/);
  });

  it("[ISSUE12-D1] LIVE_HOOK_ALLOWED_IPS takes addresses and CIDRs only; LIVE_HOOK_SECRET is 16+ URL-safe characters", () => {
    expect(parseEnv({ LIVE_HOOK_ALLOWED_IPS: "10.0.0.5, 10.0.1.0/24,fd00::/8,::2" }).LIVE_HOOK_ALLOWED_IPS).toBe(
      "10.0.0.5, 10.0.1.0/24,fd00::/8,::2",
    );
    for (const bad of ["*", "10.0.0.0/33", "fd00::/129", "example.com", "10.0.0.1/8/8", "10.0.0.1,"]) {
      expect(() => parseEnv({ LIVE_HOOK_ALLOWED_IPS: bad })).toThrow(/LIVE_HOOK_ALLOWED_IPS/);
    }
    expect(parseEnv({ LIVE_HOOK_SECRET: "0123456789abcdef" }).LIVE_HOOK_SECRET).toBe("0123456789abcdef");
    expect(() => parseEnv({ LIVE_HOOK_SECRET: "short" })).toThrow(/LIVE_HOOK_SECRET/);
    expect(() => parseEnv({ LIVE_HOOK_SECRET: "has;semicolon&and spaces" })).toThrow(/LIVE_HOOK_SECRET/);
  });

  it("SEED_DEMO=0 switches the demo seed off", () => {
    expect(parseEnv({ SEED_DEMO: "0" }).seedDemo).toBe(false);
  });
});
