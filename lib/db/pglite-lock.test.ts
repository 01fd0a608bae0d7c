import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDirLock, DatabaseLockedError, lockFileFor } from "./pglite-lock";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "elian-lock-"));

function runDbScript(dir: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/db.ts", "migrate"], {
    env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: "", NODE_ENV: "development" },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("embedded database lock", () => {
  const held: { release(): void }[] = [];
  afterEach(() => held.splice(0).forEach((l) => l.release()));

  it("stops a second process at once, naming the holder and the way out", () => {
    const dir = path.join(tmp(), "pglite");
    held.push(acquireDirLock(dir));
    const started = Date.now();
    const r = runDbScript(dir);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`in use by pid ${process.pid}`);
    expect(r.stderr).toContain("set DATABASE_URL");
    expect(fs.existsSync(path.join(dir, "PG_VERSION"))).toBe(false); // it never opened the directory
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("refuses a second holder in the same machine with DatabaseLockedError", () => {
    const dir = path.join(tmp(), "pglite");
    const child = spawn(process.execPath, ["-e", "setTimeout(()=>{}, 60000)"]);
    fs.writeFileSync(
      lockFileFor(dir),
      JSON.stringify({ pid: child.pid, host: os.hostname(), command: "next dev", since: "" }),
    );
    try {
      expect(() => acquireDirLock(dir)).toThrow(DatabaseLockedError);
      expect(() => acquireDirLock(dir)).toThrow(/in use by pid \d+ \(next dev\)/);
    } finally {
      child.kill();
    }
  });

  it("takes over a stale lock left by a dead process", () => {
    const dir = path.join(tmp(), "pglite");
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    fs.writeFileSync(
      lockFileFor(dir),
      JSON.stringify({ pid: Number(dead.stdout), host: os.hostname(), command: "old", since: "" }),
    );
    const lock = acquireDirLock(dir);
    held.push(lock);
    expect(JSON.parse(fs.readFileSync(lock.file, "utf8")).pid).toBe(process.pid);
  });

  it("releases the lock so the next process can open the directory", () => {
    const dir = path.join(tmp(), "pglite");
    acquireDirLock(dir).release();
    const r = runDbScript(dir);
    expect(r.stderr).not.toContain("in use");
    expect(r.status).toBe(0);
    expect(fs.existsSync(lockFileFor(dir))).toBe(false);
  });
});
