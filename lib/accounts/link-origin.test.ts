import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { mailLinkOrigin } from "./link-origin";

const hostile = new Headers({ host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });

describe("the origin of e-mailed links", () => {
  it("is AUTH_URL whatever Host or X-Forwarded-Host the request sends", () => {
    const e = parseEnv({ NODE_ENV: "production", AUTH_URL: "https://shop.example.com/some/path" });
    expect(mailLinkOrigin(hostile, e)).toBe("https://shop.example.com");
  });

  it("without AUTH_URL, the request's host only where the host is trusted", () => {
    expect(mailLinkOrigin(new Headers({ host: "localhost:3000" }), parseEnv({ NODE_ENV: "development" }))).toBe(
      "http://localhost:3000",
    );
    const untrusted = parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/elian" });
    expect(untrusted.trustHost).toBe(false);
    expect(() => mailLinkOrigin(hostile, untrusted)).toThrow(/AUTH_URL is not set/);
  });
});
