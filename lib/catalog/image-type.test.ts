import { describe, expect, it } from "vitest";
import { detectImageType, looksLikeMarkup } from "./image-type";

const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
const webp = Buffer.concat([Buffer.from("RIFF"), Buffer.from([0, 0, 0, 0]), Buffer.from("WEBPVP8 ")]);

describe("image type by content", () => {
  it("recognises PNG, JPEG and WebP by their first bytes", () => {
    expect(detectImageType(png)).toBe("png");
    expect(detectImageType(jpeg)).toBe("jpeg");
    expect(detectImageType(webp)).toBe("webp");
  });
  it("refuses SVG, HTML, GIF and empty files whatever they are called", () => {
    expect(detectImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBeNull();
    expect(detectImageType(Buffer.from("<!doctype html><script>alert(1)</script>"))).toBeNull();
    expect(detectImageType(Buffer.from("GIF89a"))).toBeNull();
    expect(detectImageType(Buffer.alloc(0))).toBeNull();
  });
  it("spots markup hidden inside an image (polyglot)", () => {
    expect(looksLikeMarkup(Buffer.concat([png, Buffer.from("<script>alert(1)</script>")]))).toBe(true);
    expect(looksLikeMarkup(png)).toBe(false);
  });
});
