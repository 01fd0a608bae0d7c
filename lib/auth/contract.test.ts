import { describe, expect, it } from "vitest";
import { parseIdentifier, safeCallbackPath } from "./contract";

describe("callbackUrl", () => {
  it.each([
    ["/orders", "/orders"],
    ["/orders?x=1#y", "/orders?x=1#y"],
    ["https://evil.tld/", "/"],
    ["//evil.tld", "/"],
    ["/\\evil.tld", "/"],
    ["https://shop.tld@evil.tld", "/"],
    ["javascript:alert(1)", "/"],
    ["", "/"],
    ["/%2F%2Fevil.tld", "/%2F%2Fevil.tld"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});

describe("identifiers", () => {
  it("normalises e-mail and phone", () => {
    expect(parseIdentifier(" Buyer@Example.COM ")).toEqual({ email: "buyer@example.com" });
    expect(parseIdentifier("+86 138-0000-0001")).toEqual({ phone: "13800000001" });
    expect(parseIdentifier("12345")).toBeNull();
  });
});
