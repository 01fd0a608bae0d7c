import { describe, expect, it } from "vitest";
import { setupTempUploadDir } from "@/tests/support/upload-dir";
import { GET } from "./route";

setupTempUploadDir();

describe("GET /uploads/[name]", () => {
  it.each([
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "aaaaaaaaaaaaaaaaaaaaaaaa.svg",
    "aaaaaaaaaaaaaaaaaaaaaaaa.html",
    "aaaaaaaaaaaaaaaaaaaaaaaa.png",
    "x.png",
    "",
  ])("answers 404 for %j", async (name) => {
    const res = await GET(new Request("http://shop.test/uploads/x"), { params: Promise.resolve({ name }) });
    expect(res.status).toBe(404);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
