import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { HttpClient } from "./http";

/**
 * An app instance of its own for a test file (server.ts on a fresh PostgreSQL database with the demo seed), so
 * the test can count every table's rows directly and nothing else writes to it meanwhile.
 */
export class TestApp {
  private child: ChildProcess | null = null;
  readonly database: string;
  constructor(
    readonly serverUrl: string,
    readonly port: number,
    readonly env: Record<string, string> = {},
    name = "app",
  ) {
    this.database = `elian_t_${name}_${Date.now().toString(36)}`;
  }

  static readonly AUTH_SECRET = "test-app-secret-0123456789abcdef-elian";

  get base() {
    return `http://127.0.0.1:${this.port}`;
  }

  dbUrl(name = this.database): string {
    const u = new URL(this.serverUrl);
    u.pathname = `/${name}`;
    return u.toString();
  }

  async start(createDatabase = true): Promise<void> {
    if (createDatabase) await this.admin(`create database ${this.database}`);
    const env = {
      ...process.env,
      NODE_ENV: "production" as const,
      DATABASE_URL: this.dbUrl(),
      AUTH_SECRET: TestApp.AUTH_SECRET,
      AUTH_TRUST_HOST: "1",
      SEED_DEMO: "1",
      SWEEP_INTERVAL_SECONDS: "0",
      E2E_TEST_HOOKS: "",
      ...this.env,
    };
    const child = spawn("node_modules/.bin/tsx", ["server.ts", "-p", String(this.port), "-H", "127.0.0.1"], {
      env,
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    });
    this.child = child;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}`);
      if (
        await fetch(`${this.base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error("app did not become healthy");
  }

  async stop(): Promise<void> {
    await this.pool?.end().catch(() => {});
    this.pool = null;
    if (this.child?.pid) {
      try {
        process.kill(-this.child.pid, "SIGTERM");
      } catch {
        /* gone */
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    await this.admin(`drop database if exists ${this.database} with (force)`).catch(() => {});
  }

  /** The process is gone without a word (kill -9): nothing flushed, nothing cleaned up. */
  kill(): void {
    if (this.child?.pid) process.kill(-this.child.pid, "SIGKILL");
    this.child = null;
  }

  /** Starts the app again on the same database (after a kill). */
  async restart(): Promise<void> {
    await this.start(false);
  }

  async admin(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.dbUrl("postgres") });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  private pool: pg.Pool | null = null;

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (!this.pool) {
      this.pool = new pg.Pool({ connectionString: this.dbUrl(), max: 2 });
      this.pool.on("error", () => {}); // an idle client cut by a database restart is replaced, not fatal
    }
    return (await this.pool.query(sql, params)).rows as T[];
  }

  /** Row counts of every table of the app's schema, in one statement. */
  async rowCounts(): Promise<Record<string, number>> {
    const tables = await this.query<{ t: string }>(
      `select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );
    const sql = `select ${tables.map((x) => `(select count(*)::int from "${x.t}") as "${x.t}"`).join(", ")}`;
    return (await this.query<Record<string, number>>(sql))[0]!;
  }

  client(address = "127.0.0.1"): HttpClient {
    return new HttpClient(this.base, address);
  }
}
