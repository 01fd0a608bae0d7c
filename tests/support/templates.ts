import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A hash of the migrations, so a template built from older migrations is never reused. */
export function migrationsHash(): string {
  const dir = path.join(process.cwd(), "drizzle");
  const h = crypto.createHash("sha256");
  const walk = (d: string) => {
    for (const f of fs.readdirSync(d).sort()) {
      const p = path.join(d, f);
      if (fs.statSync(p).isDirectory()) walk(p);
      else h.update(f).update(fs.readFileSync(p));
    }
  };
  walk(dir);
  return h.digest("hex").slice(0, 12);
}

export const cacheDir = () => path.join(process.cwd(), "node_modules", ".cache", "elian-test");
export const pgliteTemplateFile = (hash: string) => path.join(cacheDir(), `pglite-${hash}.tar.gz`);
export const pgTemplateName = (hash: string) => `elian_tpl_${hash}`;

/** Tests only ever touch a PostgreSQL on this machine. */
export function assertLocalDatabase(url: string): void {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", ""].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}).`);
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
