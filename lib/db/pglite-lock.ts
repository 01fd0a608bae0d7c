import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * PGlite has no lock on its data directory, and two processes writing one directory silently lose
 * committed rows. So the app takes an exclusive lock file beside it: created atomically (link fails
 * when it exists), holding the owner's pid. A lock whose process is gone is taken over.
 */
export class DatabaseLockedError extends Error {
  override name = "DatabaseLockedError";
  constructor(
    readonly dir: string,
    readonly holderPid: number,
    readonly holderCommand: string,
  ) {
    super(
      `The embedded database in ${dir} is in use by pid ${holderPid} (${holderCommand}). ` +
        `Stop that process first, or set DATABASE_URL to use a PostgreSQL server, which many processes can share.`,
    );
  }
}

interface LockInfo {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export interface DirLock {
  readonly file: string;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(file: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
  } catch {
    return null;
  }
}

export function lockFileFor(dir: string): string {
  return `${path.resolve(dir)}.lock`;
}

export function acquireDirLock(dir: string): DirLock {
  const file = lockFileFor(dir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const info: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    command:
      process.argv
        .slice(1, 3)
        .map((a) => path.basename(a))
        .join(" ") || "node",
    since: new Date().toISOString(),
  };
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(tmp, JSON.stringify(info));
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        fs.linkSync(tmp, file); // atomic: fails with EEXIST when someone holds the lock
        return makeHandle(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
      const holder = readLock(file);
      if (holder && holder.pid === process.pid) return makeHandle(file);
      // A holder on another host (shared disk) cannot be checked, so it counts as alive.
      if (holder && (holder.host !== os.hostname() || isAlive(holder.pid))) {
        throw new DatabaseLockedError(path.resolve(dir), holder.pid, holder.command);
      }
      // Stale (dead pid) or unreadable: move it aside atomically; only one contender's rename wins.
      try {
        fs.renameSync(file, `${file}.stale.${process.pid}`);
        fs.rmSync(`${file}.stale.${process.pid}`, { force: true });
      } catch {
        /* someone else took it over first; try again */
      }
    }
    const holder = readLock(file);
    throw new DatabaseLockedError(path.resolve(dir), holder?.pid ?? -1, holder?.command ?? "unknown");
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function makeHandle(file: string): DirLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const holder = readLock(file);
    if (holder?.pid === process.pid) fs.rmSync(file, { force: true });
    process.off("exit", release);
  };
  process.on("exit", release);
  return { file, release };
}
