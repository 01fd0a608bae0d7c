import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { env } from "./lib/env";
import { baseSecurityHeaders } from "./lib/security-headers";

// Validates the environment at build and start: a bad value fails here, not in a request.
const e = env();

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const config: NextConfig = {
  poweredByHeader: false,
  distDir: e.NEXT_DIST_DIR ?? ".next",
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "echarts"],
  experimental: { serverActions: { bodySizeLimit: "1mb" } },
  // The dev server's reload socket refuses other origins: opening http://127.0.0.1:3000 is as fine as localhost.
  allowedDevOrigins: ["127.0.0.1"],
  async rewrites() {
    // Browsers ask for /favicon.ico by themselves; the icon is app/icon.svg.
    return [{ source: "/favicon.ico", destination: "/icon.svg" }];
  },
  async headers() {
    // Every response, including static files, API routes and error pages.
    return [{ source: "/:path*", headers: [...baseSecurityHeaders] }];
  },
};

export default withNextIntl(config);
