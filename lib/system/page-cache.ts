import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { LRUCache } from "lru-cache";
import { publicPagesGeneration } from "../core/public-pages";
import { LOCALE_COOKIE, pickLocale } from "../i18n/locales";
import { newNonce } from "../security-headers";

/**
 * The public pages anyone may see, word for word the same for every anonymous visitor of one language: served
 * from this process's memory for a few seconds instead of rendered per request.
 */
const PUBLIC_PAGES = [
  /^\/$/,
  /^\/products$/,
  /^\/products\/[a-z0-9-]{1,80}$/,
  /^\/coops$/,
  /^\/coops\/[a-z0-9-]{1,80}$/,
  /^\/stations$/,
  /^\/live$/,
  /^\/group-buys$/,
];
/** How long a page is served from memory: the most a price, a stock count or 已售罄 can be behind, per instance. */
export const PAGE_TTL_MS = 3_000;
const MAX_URL = 512;
/** Request headers that make a request something other than a plain page load (RSC navigation, prefetch, action). */
const NOT_A_DOCUMENT = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-action", "authorization"];

interface CachedPage {
  status: number;
  headers: Record<string, string | string[]>;
  /** The page split at the nonce Next rendered into it (`nonce`): a hit joins it with a fresh one. */
  parts: string[];
  nonce: string;
  storedAt: number;
  /** publicPagesGeneration() when its rendering began: a catalog write since then makes it a miss. */
  generation: number;
}

/**
 * The cache key of a request that may be answered from (and fill) the cache, or null. Only an anonymous plain GET
 * of a public page qualifies: any cookie besides the language choice (a session, a cart, a consent) means the page
 * may show something of that person, so it is rendered as always. The language is part of the key, decided the
 * way the app decides it (cookie, then Accept-Language), so an English visitor never gets the Chinese page.
 */
export function pageCacheKey(req: IncomingMessage): string | null {
  if (req.method !== "GET") return null;
  const url = req.url ?? "/";
  if (url.length > MAX_URL) return null;
  const path = url.split("?")[0]!;
  if (!PUBLIC_PAGES.some((p) => p.test(path))) return null;
  if (NOT_A_DOCUMENT.some((h) => req.headers[h] !== undefined)) return null;
  let localeCookie: string | undefined;
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const pair = part.trim();
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if (name !== LOCALE_COOKIE) return null;
    localeCookie = pair.slice(eq + 1);
  }
  const locale = pickLocale(localeCookie, (req.headers["accept-language"] as string | undefined) ?? null);
  return `${locale} ${url}`;
}

/**
 * Anonymous public pages from memory for PAGE_TTL_MS, on each instance (so a change reaches every instance's
 * visitors within that time without any announcement); a catalog write in this process (publicPagesChanged) makes
 * every page a miss at once, as it clears the catalog reads. A miss goes through Next as usual and its answer is kept
 * when it is a 200 HTML page that sets no cookie; while one request re-renders an expired page, the others get
 * the expired copy (at most one render per page and instance at a time).
 *
 * The CSP nonce stays per response: the page is stored split at the nonce Next rendered into it, and every hit
 * joins it with a new one, sent in the CSP header too. (Whatever text a product description holds reaches the
 * page escaped by React, so it can neither carry a nonce attribute nor be mistaken for one.)
 */
export function createPageCache(opts: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}) {
  const ttl = opts.ttlMs ?? PAGE_TTL_MS;
  const clock = opts.now ?? Date.now;
  const pages = new LRUCache<string, CachedPage>({
    max: opts.maxEntries ?? 500,
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (p) => p.parts.reduce((n, s) => n + s.length, 0) || 1,
  });
  const rendering = new Set<string>();

  /** True when it answered the request from memory; otherwise the caller hands it to Next (after `record`). */
  function serve(key: string, req: IncomingMessage, res: ServerResponse): boolean {
    const page = pages.get(key);
    if (!page || page.generation !== publicPagesGeneration()) return false;
    const fresh = clock() - page.storedAt < ttl;
    if (!fresh && !rendering.has(key)) return false; // this request renders it again
    const nonce = newNonce();
    const html = page.parts.join(nonce);
    const headers: Record<string, string | string[]> = { ...page.headers, "x-page-cache": fresh ? "hit" : "stale" };
    for (const [k, v] of Object.entries(headers))
      if (k === "content-security-policy" && typeof v === "string") headers[k] = v.split(page.nonce).join(nonce);
    let body: Buffer = Buffer.from(html);
    if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
      body = gzipSync(body, { level: 4 });
      headers["content-encoding"] = "gzip";
    }
    headers["vary"] = "Accept-Encoding";
    headers["content-length"] = String(body.length);
    res.writeHead(page.status, headers);
    res.end(body);
    return true;
  }

  /**
   * Keeps Next's answer to this request if it is a cacheable page: the request is sent to Next without
   * Accept-Encoding (the body must be readable to swap its nonce; hits compress it themselves).
   */
  function record(key: string, req: IncomingMessage, res: ServerResponse): void {
    if (rendering.has(key)) return;
    rendering.add(key);
    const generation = publicPagesGeneration();
    delete req.headers["accept-encoding"];
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...a: unknown[]) => boolean;
    const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
    const take = (chunk: unknown, encoding: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      chunks.push(
        typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.from(chunk as Uint8Array),
      );
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      take(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      take(chunk, rest[0]);
      return end(chunk, ...rest);
    }) as typeof res.end;
    res.once("close", () => {
      rendering.delete(key);
      if (!res.writableFinished || res.statusCode !== 200) return;
      const headers = res.getHeaders();
      const type = String(headers["content-type"] ?? "");
      if (!type.startsWith("text/html") || headers["set-cookie"] || headers["content-encoding"]) return;
      const csp = String(headers["content-security-policy"] ?? "");
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      if (!nonce) return;
      const kept: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(headers)) {
        if (v === undefined || ["content-length", "date", "connection", "transfer-encoding", "keep-alive"].includes(k))
          continue;
        kept[k] = Array.isArray(v) ? v : String(v);
      }
      const parts = Buffer.concat(chunks).toString("utf8").split(nonce);
      pages.set(key, { status: 200, headers: kept, parts, nonce, storedAt: clock(), generation });
    });
  }

  return { serve, record, size: () => pages.size };
}
