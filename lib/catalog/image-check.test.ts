import { describe, expect, it } from "vitest";
import {
  htmlPage,
  pngWithTextChunk,
  svgScript,
  tinyJpeg,
  tinyLosslessWebp,
  tinyPng,
  tinyWebp,
} from "../../tests/support/images";
import { detectImageType, inspectImage } from "./image-check";

const refusal = (bytes: Uint8Array) => {
  const v = inspectImage(bytes);
  return v.ok ? null : v.problem;
};

describe("image type by magic bytes", () => {
  it("recognises PNG, JPEG and WebP by their first bytes", () => {
    expect(detectImageType(tinyPng)).toBe("png");
    expect(detectImageType(tinyJpeg)).toBe("jpeg");
    expect(detectImageType(tinyWebp)).toBe("webp");
    expect(detectImageType(tinyLosslessWebp)).toBe("webp");
  });

  it.each([
    ["SVG", svgScript],
    ["HTML", htmlPage],
    ["GIF", Buffer.from("GIF89a\x01\x00\x01\x00", "latin1")],
    ["an empty file", Buffer.alloc(0)],
    ["a PNG signature cut short", tinyPng.subarray(0, 5)],
  ])("does not take %s for an image", (_, bytes) => {
    expect(detectImageType(bytes)).toBeNull();
  });
});

describe("whole-file check", () => {
  it.each([
    ["PNG", tinyPng, "png"],
    ["JPEG", tinyJpeg, "jpeg"],
    ["lossy WebP", tinyWebp, "webp"],
    ["lossless WebP", tinyLosslessWebp, "webp"],
    ["a PNG with a harmless text chunk", pngWithTextChunk("made in 大柳村"), "png"],
  ])("accepts a real %s", (_, bytes, type) => {
    expect(inspectImage(bytes)).toEqual({ ok: true, type });
  });

  it.each([
    ["an SVG renamed .jpg", svgScript],
    ["HTML", htmlPage],
    [
      "a PNG with a page appended (polyglot)",
      Buffer.concat([tinyPng, Buffer.from("<html><script>alert(1)</script></html>")]),
    ],
    ["a JPEG with a script appended (polyglot)", Buffer.concat([tinyJpeg, Buffer.from("<script>alert(1)</script>")])],
    ["a WebP with bytes after its RIFF size", Buffer.concat([tinyWebp, Buffer.from("<svg onload=alert(1)>")])],
    ["a PNG whose text chunk carries a script", pngWithTextChunk("<script>alert(1)</script>")],
    [
      "a JPEG whose comment carries SVG",
      Buffer.concat([
        tinyJpeg.subarray(0, 2),
        Buffer.from([0xff, 0xfe, 0x00, 0x10]),
        Buffer.from("<svg onload=x> "),
        tinyJpeg.subarray(2),
      ]),
    ],
    ["a truncated PNG", tinyPng.subarray(0, tinyPng.length - 6)],
    ["a truncated JPEG", tinyJpeg.subarray(0, tinyJpeg.length - 2)],
    ["image magic followed by HTML", Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), htmlPage])],
  ])("refuses %s", (_, bytes) => {
    expect(refusal(bytes)).toBe("not_an_image");
  });

  it("refuses empty and oversized files before looking inside", () => {
    expect(refusal(Buffer.alloc(0))).toBe("empty");
    expect(refusal(Buffer.concat([tinyPng, Buffer.alloc(2 * 1024 * 1024)]))).toBe("too_large");
  });
});
