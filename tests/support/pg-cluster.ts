import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * A PostgreSQL cluster of a test's own (initdb + pg_ctl from the Debian packages) in a temporary directory on a
 * free port, so a fault test can restart or stop it. Never the shared server on 5432. As root, the binaries run
 * as the postgres user (initdb refuses root).
 */
export class PgCluster {
  readonly dir: string;
  port = 0;
  private readonly bin: string;
  private readonly asPostgres: boolean;

  constructor() {
    const versions = fs.existsSync("/usr/lib/postgresql") ? fs.readdirSync("/usr/lib/postgresql").sort() : [];
    if (!versions.length) throw new Error("no PostgreSQL binaries under /usr/lib/postgresql");
    this.bin = `/usr/lib/postgresql/${versions.at(-1)}/bin`;
    this.asPostgres = process.getuid?.() === 0;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "elian-pg-"));
    if (this.asPostgres) execFileSync("chown", ["postgres:postgres", this.dir]);
  }

  static available(): boolean {
    return (
      fs.existsSync("/usr/lib/postgresql") &&
      fs.readdirSync("/usr/lib/postgresql").some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))
    );
  }

  private run(cmd: string, args: string[]) {
    const argv = this.asPostgres
      ? (["runuser", ["-u", "postgres", "--", `${this.bin}/${cmd}`, ...args]] as const)
      : ([`${this.bin}/${cmd}`, args] as const);
    const r = spawnSync(argv[0], argv[1] as string[], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr || r.stdout}`);
    return r.stdout;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async init(): Promise<this> {
    this.port = await freePort();
    this.run("initdb", ["-D", `${this.dir}/data`, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    fs.appendFileSync(
      `${this.dir}/data/postgresql.conf`,
      `\nlisten_addresses = '127.0.0.1'\nport = ${this.port}\nunix_socket_directories = '${this.dir}'\nfsync = off\nmax_connections = 100\n`,
    );
    this.start();
    return this;
  }

  start(): void {
    this.run("pg_ctl", ["-D", `${this.dir}/data`, "-l", `${this.dir}/log`, "-w", "start"]);
  }

  /** `pg_ctl restart -m fast`: every connection is cut, the server comes back. */
  restart(): void {
    this.run("pg_ctl", ["-D", `${this.dir}/data`, "-l", `${this.dir}/log`, "-m", "fast", "-w", "restart"]);
  }

  stop(): void {
    this.run("pg_ctl", ["-D", `${this.dir}/data`, "-m", "fast", "-w", "stop"]);
  }

  destroy(): void {
    try {
      this.stop();
    } catch {
      /* not running */
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}
