/**
 * Security headers as plain data, shared by proxy.ts, next.config.ts and the tests.
 */
export const baseSecurityHeaders = [
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(self), geolocation=(self), microphone=()" },
] as const;

export function newNonce(): string {
  return btoa(crypto.randomUUID());
}

/** The page CSP: scripts only with this request's nonce (and what they load), nothing framed, no plugins. */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; mediaOrigins: string[] }): string {
  const media = opts.mediaOrigins.join(" ");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (React style={…}) cannot carry a nonce; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${media}`.trim(),
    `media-src 'self' blob: ${media}`.trim(),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
