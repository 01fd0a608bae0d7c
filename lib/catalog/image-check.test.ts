import zlib from "node:zlib";
import sharp from "sharp";
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
import { MAX_IMAGE_PIXELS, STORED_IMAGE_MAX_EDGE, cleanImage, detectImageType, inspectImage } from "./image-check";

const refusal = async (bytes: Uint8Array) => {
  const v = await inspectImage(bytes);
  return v.ok ? null : v.problem;
};

describe("image type by magic bytes", () => {
  it("recognises PNG, JPEG and WebP by their first bytes", async () => {
    expect(await detectImageType(tinyPng)).toBe("png");
    expect(await detectImageType(tinyJpeg)).toBe("jpeg");
    expect(await detectImageType(tinyWebp)).toBe("webp");
    expect(await detectImageType(tinyLosslessWebp)).toBe("webp");
  });

  it.each([
    ["SVG", svgScript],
    ["HTML", htmlPage],
    ["GIF", Buffer.from("GIF89a\x01\x00\x01\x00", "latin1")],
    ["an empty file", Buffer.alloc(0)],
    ["a PNG signature cut short", tinyPng.subarray(0, 5)],
  ])("does not take %s for an image", async (_, bytes) => {
    expect(await detectImageType(bytes)).toBeNull();
  });
});

describe("whole-file check", () => {
  it.each([
    ["PNG", tinyPng, "png"],
    ["JPEG", tinyJpeg, "jpeg"],
    ["lossy WebP", tinyWebp, "webp"],
    ["lossless WebP", tinyLosslessWebp, "webp"],
    ["a PNG with a harmless text chunk", pngWithTextChunk("made in 大柳村"), "png"],
  ])("accepts a real %s", async (_, bytes, type) => {
    expect(await inspectImage(bytes)).toEqual({ ok: true, type });
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
  ])("refuses %s", async (_, bytes) => {
    expect(await refusal(bytes)).toBe("not_an_image");
  });

  it("refuses empty and oversized files before looking inside", async () => {
    expect(await refusal(Buffer.alloc(0))).toBe("empty");
    expect(await refusal(Buffer.concat([tinyPng, Buffer.alloc(2 * 1024 * 1024)]))).toBe("too_large");
  });
});

/** A photo as a phone sends it: EXIF with GPS and a camera, an ICC profile, turned by its orientation tag. */
async function phonePhoto(width: number, height: number, orientation = 1) {
  return sharp({ create: { width, height, channels: 3, background: { r: 180, g: 140, b: 60 } } })
    .withExif({
      IFD0: { Make: "PhoneCo", Model: "PhoneCo 12", ImageDescription: "secret field at 大柳村" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "30/1 45/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "120/1 55/1 0/1" },
    })
    .withMetadata({ orientation, icc: "p3" })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A copy of a PNG with one chunk's data edited in place and its CRC made right again. */
function withChunk(png: Buffer, type: string, edit: (data: Buffer) => void): Buffer {
  const out = Buffer.from(png);
  const at = out.indexOf(type) - 4;
  const length = out.readUInt32BE(at);
  edit(out.subarray(at + 8, at + 8 + length));
  out.writeUInt32BE(zlib.crc32(out.subarray(at + 4, at + 8 + length)) >>> 0, at + 8 + length);
  return out;
}

/** What a stored file is, read back: its type by magic bytes, whether it ends at its RIFF size, its metadata. */
async function storedFacts(bytes: Buffer) {
  const meta = await sharp(bytes).metadata();
  return {
    type: await detectImageType(bytes),
    endsAtRiffSize: bytes.readUInt32LE(4) + 8 === bytes.length,
    exif: meta.exif,
    xmp: meta.xmp,
    icc: meta.icc,
    iptc: meta.iptc,
    comments: meta.comments,
  };
}
const cleanFacts = { type: "webp", endsAtRiffSize: true, exif: undefined, xmp: undefined, icc: undefined };

describe("what is stored: a fresh WebP encode", () => {
  it.each([
    ["PNG", tinyPng],
    ["JPEG", tinyJpeg],
    ["lossy WebP", tinyWebp],
    ["lossless WebP", tinyLosslessWebp],
    ["a PNG with a harmless text chunk", pngWithTextChunk("made in 大柳村")],
  ])("a real %s becomes a WebP of the same size, with no metadata and nothing appended", async (_, bytes) => {
    const image = await cleanImage(bytes);
    expect(image).toMatchObject({ ok: true, type: "webp", width: 2, height: 2 });
    if (!image.ok) return;
    expect(await storedFacts(image.bytes)).toMatchObject(cleanFacts);
    expect(image.bytes.toString("latin1")).not.toMatch(/Comment|made in/);
  });

  it("a phone photo loses its EXIF (GPS, camera), its ICC profile and its description", async () => {
    const photo = await phonePhoto(64, 48);
    expect((await sharp(photo).metadata()).exif).toBeDefined(); // the upload did carry them
    const image = await cleanImage(photo);
    expect(image.ok).toBe(true);
    if (!image.ok) return;
    expect(await storedFacts(image.bytes)).toMatchObject(cleanFacts);
    expect(image.bytes.toString("latin1")).not.toMatch(/PhoneCo|secret|GPS|Exif/);
  });

  it("is turned upright by its EXIF orientation before the tag is dropped", async () => {
    const image = await cleanImage(await phonePhoto(90, 60, 6)); // 6: the camera was held on its side
    expect(image).toMatchObject({ ok: true, width: 60, height: 90 });
  });

  it(`is at most ${STORED_IMAGE_MAX_EDGE} px on its long edge, keeps its shape, and is never enlarged`, async () => {
    const wide = await cleanImage(await phonePhoto(3000, 1500));
    expect(wide).toMatchObject({ ok: true, width: STORED_IMAGE_MAX_EDGE, height: STORED_IMAGE_MAX_EDGE / 2 });
    if (wide.ok) expect(await sharp(wide.bytes).metadata()).toMatchObject({ width: 1200, height: 600 });
    const tall = await cleanImage(await phonePhoto(1000, 2400));
    expect(tall).toMatchObject({ ok: true, width: 500, height: STORED_IMAGE_MAX_EDGE });
    expect(await cleanImage(await phonePhoto(400, 300))).toMatchObject({ ok: true, width: 400, height: 300 });
  });

  it("refuses what inspectImage refuses, before decoding anything", async () => {
    for (const bytes of [svgScript, htmlPage, Buffer.concat([tinyPng, htmlPage]), pngWithTextChunk("<svg onload=x>")])
      expect(await cleanImage(bytes)).toEqual({ ok: false, problem: "not_an_image" });
    expect(await cleanImage(Buffer.alloc(0))).toEqual({ ok: false, problem: "empty" });
  });

  it(`refuses more than ${MAX_IMAGE_PIXELS / 1e6} megapixels as too large, from the header alone`, async () => {
    // A valid PNG whose header claims 8000 × 6000: a few bytes that would unpack to 144 MB of pixels.
    const bomb = withChunk(tinyPng, "IHDR", (d) => {
      d.writeUInt32BE(8000, 0);
      d.writeUInt32BE(6000, 4);
    });
    expect(await inspectImage(bomb)).toEqual({ ok: false, problem: "too_large" });
    expect(await cleanImage(bomb)).toEqual({ ok: false, problem: "too_large" });
  });

  it("refuses a PNG that is well framed but whose pixels do not decode", async () => {
    const broken = withChunk(tinyPng, "IDAT", (d) => d.fill(0xab, 2));
    expect(await inspectImage(broken)).toEqual({ ok: true, type: "png" }); // header, end and text are fine
    expect(await cleanImage(broken)).toEqual({ ok: false, problem: "not_an_image" });
  });

  it("refuses a JPEG whose frame is wrecked, though it starts and ends like one", async () => {
    const photo = await phonePhoto(64, 48);
    const broken = Buffer.from(photo);
    broken.fill(0xab, photo.length - 200, photo.length - 2); // keeps the EOI marker
    expect(await cleanImage(broken)).toEqual({ ok: false, problem: "not_an_image" });
  });
});
