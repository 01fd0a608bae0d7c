import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import net from "node:net";
import { z } from "zod";

/**
 * The only reader of process.env. Everything is optional for the PGlite demo; a production server on
 * PostgreSQL must be given AUTH_SECRET. Validated once, on first use (and by next.config at build time).
 */
const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v === "1" || v === "true"));

function validAddressOrCidr(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = net.isIP(address);
  if (!family || rest.length) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres://")
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  PGLITE_DIR: z.string().min(1).optional(),
  SEED_DEMO: flag,
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  AUTH_URL: z.url().optional(),
  AUTH_TRUST_HOST: flag,
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  CRON_SECRET: z.string().min(16).optional(),
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//)
    .optional(),
  MAIL_FROM: z.string().default("e联富农 <noreply@elian.local>"),
  UPLOAD_DIR: z.string().optional(),
  STRIPE_SECRET_KEY: z.string().startsWith("sk_").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
  STRIPE_PUBLISHABLE_KEY: z.string().startsWith("pk_").optional(),
  STRIPE_API_BASE: z.url().optional(),
  PAYMENT_HOLD_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  LIVE_INGEST_URL: z.string().default("rtmp://127.0.0.1:1935/live"),
  LIVE_PLAYBACK_BASE: z.string().default("http://127.0.0.1:8088/hls"),
  LIVE_REPLAY_BASE: z.string().default("http://127.0.0.1:8088/rec"),
  LIVE_UNPUBLISH_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Addresses and CIDRs besides loopback that may call the ingest hooks ("10.0.0.5,10.0.1.0/24,fd00::/8"). */
  LIVE_HOOK_ALLOWED_IPS: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || v.split(",").every((a) => validAddressOrCidr(a.trim())),
      "comma-separated IP addresses or CIDRs",
    ),
  /** When set, every ingest hook URL must carry ?secret=<this> (URL-safe so it drops into nginx/SRS configs as is). */
  LIVE_HOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9._~-]{16,256}$/, "16 to 256 characters of A-Z a-z 0-9 . _ ~ -")
    .optional(),
  E2E_TEST_HOOKS: flag,
  /** Build output folder; lets several checkouts' builds and test servers run side by side. */
  NEXT_DIST_DIR: z
    .string()
    .regex(/^\.next[\w./-]*$/)
    .optional(),
  NEXT_PHASE: z.string().optional(),
  NEXT_RUNTIME: z.string().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

export type Env = z.infer<typeof schema> & {
  /** true when running as a real server on PostgreSQL in production: the strict mode. */
  productionServer: boolean;
  dataDir: string;
  pgliteDir: string;
  uploadDir: string;
  seedDemo: boolean;
  trustHost: boolean;
};

export class EnvError extends Error {
  override name = "EnvError";
}

function emptyToUndefined(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(source)) out[k] = v === "" ? undefined : v;
  return out;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(emptyToUndefined(source));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}\nSee .env.example.`);
  }
  const e = parsed.data;
  const productionServer = e.NODE_ENV === "production" && e.DATABASE_URL !== undefined;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR);
  return {
    ...e,
    productionServer,
    dataDir,
    pgliteDir: path.resolve(/*turbopackIgnore: true*/ e.PGLITE_DIR ?? path.join(dataDir, "pglite")),
    uploadDir: path.resolve(/*turbopackIgnore: true*/ e.UPLOAD_DIR ?? path.join(dataDir, "uploads")),
    seedDemo: e.SEED_DEMO ?? !productionServer,
    trustHost: e.AUTH_TRUST_HOST ?? !productionServer,
  };
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change the environment between cases; this drops the cached copy. */
export function resetEnvForTests(): void {
  cached = undefined;
}

/**
 * AUTH_SECRET when given; otherwise, outside a production server, a random secret generated once and kept
 * in the data directory so sessions survive restarts. A production server without one refuses to start.
 */
export function authSecret(e: Env = env()): string {
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.productionServer) {
    throw new EnvError(
      "AUTH_SECRET is not set. A production server on PostgreSQL needs it: generate one with " +
        "`openssl rand -base64 33` and set AUTH_SECRET in the environment.",
    );
  }
  const file = path.join(e.dataDir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(e.dataDir, { recursive: true });
    const secret = crypto.randomBytes(33).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      // Another process wrote it first: use theirs.
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}
