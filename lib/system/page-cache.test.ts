import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPageCache, pageCacheKey } from "./page-cache";

// The page cache of the Node entry over real HTTP, in front of a stand-in for Next that renders a page with a
// per-request nonce (in the CSP header and the HTML, as proxy.ts and Next do) and, for a signed-in request, the
// person's name — as the real header does.

let now = 0;
const cache = createPageCache({ ttlMs: 3_000, now: () => now });
let renders = 0;
let base = "";
let server: http.Server;
/** What the stand-in renders next: a price, a status, whether it sets a cookie. */
const page = { price: "69.80", status: 200, setCookie: false, delayMs: 0 };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const key = pageCacheKey(req);
    if (key && cache.serve(key, req, res)) return;
    if (key) cache.record(key, req, res);
    renders++;
    const nonce = `n${Math.random().toString(36).slice(2)}==`;
    const who = /session=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
    const lang = key?.startsWith("en ") || /^en/.test(String(req.headers["accept-language"] ?? "")) ? "en" : "zh-CN";
    res.setHeader("content-security-policy", `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'; object-src 'none'`);
    res.setHeader("content-type", "text/html; charset=utf-8");
    if (page.setCookie) res.setHeader("set-cookie", "cart=abc");
    res.statusCode = page.status;
    setTimeout(() => {
      res.write(`<html lang="${lang}"><script nonce="${nonce}">boot()</script>`);
      res.end(`<p>¥${page.price}</p>${who ? `<b>你好,${who}</b>` : ""}</html>`);
    }, page.delayMs);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { headers: { "accept-encoding": "identity", ...headers } });
  const body = await res.text();
  const csp = res.headers.get("content-security-policy") ?? "";
  return {
    status: res.status,
    body,
    cache: res.headers.get("x-page-cache"),
    headerNonce: /'nonce-([^']+)'/.exec(csp)?.[1],
    bodyNonce: /nonce="([^"]+)"/.exec(body)?.[1],
  };
}

describe("which requests the cache may answer", () => {
  const req = (url: string, headers: Record<string, string> = {}, method = "GET") =>
    ({ url, method, headers }) as unknown as http.IncomingMessage;
  it("only anonymous plain GETs of public pages, keyed by language", () => {
    expect(pageCacheKey(req("/products/hudun-rice"))).toBe("zh-CN /products/hudun-rice");
    expect(pageCacheKey(req("/products?q=rice", { "accept-language": "en-GB,en;q=0.9" }))).toBe("en /products?q=rice");
    expect(pageCacheKey(req("/", { cookie: "NEXT_LOCALE=en" }))).toBe("en /");
    expect(pageCacheKey(req("/", { cookie: "NEXT_LOCALE=en", "accept-language": "zh-CN" }))).toBe("en /");
    for (const refused of [
      req("/", { cookie: "authjs.session-token=x" }),
      req("/", { cookie: "NEXT_LOCALE=en; elian_cart=c1" }),
      req("/", { cookie: "__Secure-authjs.session-token=x" }),
      req("/", { rsc: "1" }),
      req("/products", { "next-router-prefetch": "1" }),
      req("/", { "next-action": "abc" }),
      req("/", { authorization: "Bearer x" }),
      req("/", {}, "POST"),
      req("/", {}, "HEAD"),
      req("/cart"),
      req("/orders"),
      req("/coop/products"),
      req("/products/hudun-rice/edit"),
      req("/products/" + "a".repeat(600)),
      req("/products/HUDUN%00"),
    ])
      expect(pageCacheKey(refused)).toBeNull();
  });
});

describe("answering from memory", () => {
  it("a hit is the same page with a fresh nonce, the same in the CSP header and the HTML", async () => {
    renders = 0;
    const first = await get("/products/a");
    const second = await get("/products/a");
    const third = await get("/products/a");
    expect(renders).toBe(1);
    expect([first.cache, second.cache, third.cache]).toEqual([null, "hit", "hit"]);
    for (const r of [first, second, third]) expect(r.headerNonce).toBe(r.bodyNonce);
    expect(new Set([first.bodyNonce, second.bodyNonce, third.bodyNonce]).size).toBe(3);
    expect(second.body.replace(second.bodyNonce!, "N")).toBe(first.body.replace(first.bodyNonce!, "N"));
  });

  it("a cached page after sign-in carries no personal data: as A, anonymously, as B", async () => {
    renders = 0;
    const a = await get("/products/b", { cookie: "session=amei" });
    const anon1 = await get("/products/b");
    const anon2 = await get("/products/b");
    const b = await get("/products/b", { cookie: "session=laozhou" });
    expect(a.body).toContain("你好,amei");
    expect(anon1.cache).toBeNull();
    expect(anon2.cache).toBe("hit");
    for (const anon of [anon1, anon2]) expect(anon.body).not.toMatch(/你好|amei|laozhou/);
    expect(b.cache).toBeNull();
    expect(b.body).toContain("你好,laozhou");
    expect(b.body).not.toContain("amei");
    expect(renders).toBe(3); // A, the first anonymous visit, B
  });

  it("each language has its own page", async () => {
    const zh = await get("/products/c", { "accept-language": "zh-CN" });
    const en = await get("/products/c", { "accept-language": "en-US" });
    const zh2 = await get("/products/c", { "accept-language": "zh-CN" });
    const en2 = await get("/products/c", { cookie: "NEXT_LOCALE=en" });
    expect([zh.cache, en.cache, zh2.cache, en2.cache]).toEqual([null, null, "hit", "hit"]);
    expect(zh2.body).toContain('lang="zh-CN"');
    expect(en2.body).toContain('lang="en"');
  });

  it("a change shows within the TTL: expired, one request renders while the others get the old copy once", async () => {
    page.price = "69.80";
    await get("/products/d");
    page.price = "59.80";
    now += 2_999;
    expect((await get("/products/d")).body).toContain("¥69.80");
    now += 2;
    renders = 0;
    page.delayMs = 150;
    const [renderer, meanwhile] = await Promise.all([
      get("/products/d"),
      new Promise((r) => setTimeout(r, 50)).then(() => get("/products/d")),
    ]);
    page.delayMs = 0;
    expect(renders).toBe(1);
    expect(renderer.body).toContain("¥59.80");
    expect(meanwhile.cache).toBe("stale");
    expect(meanwhile.body).toContain("¥69.80");
    const after = await get("/products/d");
    expect(after.cache).toBe("hit");
    expect(after.body).toContain("¥59.80");
  });

  it("keeps neither a page that sets a cookie nor an error", async () => {
    renders = 0;
    page.setCookie = true;
    await get("/products/e");
    await get("/products/e");
    page.setCookie = false;
    page.status = 500;
    await get("/products/f");
    await get("/products/f");
    page.status = 200;
    expect(renders).toBe(4);
  });

  it("compresses a hit for a browser that accepts gzip, and it still reads the same", async () => {
    const plain = await get("/products/g");
    const res = await fetch(base + "/products/g", { headers: { "accept-encoding": "gzip" } });
    expect(res.headers.get("x-page-cache")).toBe("hit");
    const raw = await new Promise<{ enc?: string; body: Buffer }>((resolve) =>
      http.get(base + "/products/g", { headers: { "accept-encoding": "gzip, br" } }, (r) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => resolve({ enc: r.headers["content-encoding"], body: Buffer.concat(chunks) }));
      }),
    );
    expect(raw.enc).toBe("gzip");
    const html = gunzipSync(raw.body).toString();
    const n = /nonce="([^"]+)"/.exec(html)![1]!;
    expect(html.replace(n, "N")).toBe(plain.body.replace(plain.bodyNonce!, "N"));
  });
});

describe("a catalog write in this process", () => {
  it("makes the cached pages misses at once", async () => {
    const { publicPagesChanged } = await import("../core/public-pages");
    page.price = "69.80";
    await get("/products/h");
    expect((await get("/products/h")).cache).toBe("hit");
    page.price = "49.80";
    publicPagesChanged();
    const after = await get("/products/h");
    expect(after.cache).toBeNull();
    expect(after.body).toContain("¥49.80");
    expect((await get("/products/h")).cache).toBe("hit");
  });
});
