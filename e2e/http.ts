import http from "node:http";

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A tiny HTTP client for tests that must control what a browser would not: the source address (another client
 * on loopback, e.g. 127.0.0.2), raw bodies and headers, and streams it stops reading after the headers.
 * Cookies set by responses are kept in `jar` and sent back, like one browser profile.
 */
export class HttpClient {
  readonly jar = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly localAddress = "127.0.0.1",
  ) {}

  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(
    method: string,
    path: string,
    opts: { headers?: Record<string, string>; body?: string | Buffer; headersOnly?: boolean; timeoutMs?: number } = {},
  ): Promise<HttpResponse> {
    const url = new URL(path, this.base);
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (this.jar.size && !("cookie" in headers)) headers.cookie = this.cookieHeader();
    if (opts.body !== undefined && !("content-length" in headers) && headers["transfer-encoding"] !== "chunked")
      headers["content-length"] = String(Buffer.byteLength(opts.body));
    return new Promise<HttpResponse>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: `${url.pathname}${url.search}`,
          method,
          headers,
          localAddress: this.localAddress,
        },
        (res) => {
          for (const c of ([] as string[]).concat(res.headers["set-cookie"] ?? [])) {
            const [pair] = c.split(";");
            const eq = pair!.indexOf("=");
            const name = pair!.slice(0, eq).trim();
            const value = pair!.slice(eq + 1).trim();
            if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === "") this.jar.delete(name);
            else this.jar.set(name, value);
          }
          if (opts.headersOnly) {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: "" });
            req.destroy();
            return;
          }
          const chunks: Buffer[] = [];
          res.on("data", (d: Buffer) => chunks.push(d));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString("utf8"),
            }),
          );
          res.on("error", reject);
        },
      );
      req.setTimeout(opts.timeoutMs ?? 30_000, () => req.destroy(new Error(`timeout ${method} ${path}`)));
      req.on("error", reject);
      if (opts.body !== undefined) req.write(opts.body);
      req.end();
    });
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request("GET", path, { headers });
  }

  /** Auth.js credentials sign-in as a browser form would do it; returns the callback's response (302 or 429). */
  async signIn(identifier: string, password: string): Promise<HttpResponse> {
    const csrf = JSON.parse((await this.get("/api/auth/csrf")).body) as { csrfToken: string };
    const body = new URLSearchParams({ csrfToken: csrf.csrfToken, identifier, password }).toString();
    return this.request("POST", "/api/auth/callback/credentials", {
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", origin: this.base },
    });
  }
}
