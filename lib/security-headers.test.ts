import { describe, expect, it } from "vitest";
import { baseSecurityHeaders, contentSecurityPolicy, newNonce } from "./security-headers";

describe("security headers", () => {
  it("the CSP carries a nonce, strict-dynamic and the locked-down directives", () => {
    const csp = contentSecurityPolicy("abc", { dev: false, mediaOrigins: [] });
    for (const d of [
      "'nonce-abc'",
      "'strict-dynamic'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(d);
    }
    expect(csp).not.toContain("unsafe-eval");
  });

  it("nonces differ per call", () => {
    expect(new Set(Array.from({ length: 100 }, newNonce)).size).toBe(100);
  });

  it("HSTS is at least a year with subdomains", () => {
    const hsts = baseSecurityHeaders.find((h) => h.key === "Strict-Transport-Security")!.value;
    expect(Number(/max-age=(\d+)/.exec(hsts)![1])).toBeGreaterThanOrEqual(31_536_000);
    expect(hsts).toContain("includeSubDomains");
  });
});
