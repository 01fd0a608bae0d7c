import path from "node:path";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/contract";
import * as s from "@/lib/db/schema";
import { createCoop, createProduct } from "@/lib/db/seed/factories";
import { setupTestDb } from "@/lib/db/test-db";
import { htmlPage, svgScript, tinyPng } from "@/tests/support/images";
import { multipart, type Part } from "@/tests/support/multipart";
import { setupTempUploadDir } from "@/tests/support/upload-dir";
import { createViewer } from "@/tests/support/viewers";
import { GET as getUpload } from "../../../../../uploads/[name]/route";
import { POST } from "./route";

// The route asks lib/auth who is calling; outside a Next request there is no session cookie to read.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));

const t = setupTestDb();
setupTempUploadDir();
const origin = "http://shop.test";
let productId: string;
let member: Viewer;
let otherCoopMember: Viewer;
let consumer: Viewer;

beforeAll(async () => {
  const coop = await createCoop(t.db);
  productId = (await createProduct(t.db, { coopId: coop.id })).product.id;
  member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coop.id }] });
  otherCoopMember = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: (await createCoop(t.db)).id }] });
  consumer = await createViewer(t.db);
});

async function upload(parts: Part[], opts: { as?: Viewer | null; id?: string; headers?: Record<string, string> } = {}) {
  session.viewer = opts.as === undefined ? member : opts.as;
  const { body, contentType } = multipart(parts);
  const id = opts.id ?? productId;
  const req = new NextRequest(`${origin}/api/coop/products/${id}/image`, {
    method: "POST",
    body: new Uint8Array(body),
    headers: { origin, host: "shop.test", "content-type": contentType, ...opts.headers },
  });
  const res = await POST(req, { params: Promise.resolve({ id }) });
  return {
    status: res.status,
    body: (await res.json()) as { imagePath?: string; error?: { code: string; fields?: Record<string, string[]> } },
  };
}

const imagePath = async () =>
  (await t.db.select({ p: s.products.imagePath }).from(s.products).where(eq(s.products.id, productId)))[0]?.p ?? null;

describe("POST /api/coop/products/[id]/image", () => {
  it("stores a real PNG re-encoded as WebP and the product points at it; GET /uploads/<name> serves it as an inert image", async () => {
    const res = await upload([{ name: "image", filename: "rice.png", type: "image/png", data: tinyPng }]);
    expect(res.status).toBe(200);
    expect(res.body.imagePath).toMatch(/^\/uploads\/[a-z0-9]{24}\.webp$/);
    expect(await imagePath()).toBe(res.body.imagePath);

    const name = path.basename(res.body.imagePath!);
    const served = await getUpload(new Request(`${origin}/uploads/${name}`), { params: Promise.resolve({ name }) });
    expect(served.status).toBe(200);
    expect(
      Object.fromEntries(
        ["content-type", "x-content-type-options", "content-security-policy", "cache-control"].map((h) => [
          h,
          served.headers.get(h),
        ]),
      ),
    ).toEqual({
      "content-type": "image/webp",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "public, max-age=31536000, immutable",
    });
    // A fresh encode, not the upload's bytes: WebP by its magic bytes, and it ends at its RIFF size.
    const body = Buffer.from(await served.arrayBuffer());
    expect(body.equals(tinyPng)).toBe(false);
    expect([body.subarray(0, 4).toString("latin1"), body.subarray(8, 12).toString("latin1")]).toEqual(["RIFF", "WEBP"]);
    expect(body.readUInt32LE(4) + 8).toBe(body.length);
  });

  it.each([
    [
      "an SVG renamed .jpg",
      [{ name: "image", filename: "rice.jpg", type: "image/jpeg", data: svgScript }],
      400,
      "VALIDATION",
    ],
    [
      "HTML renamed .png",
      [{ name: "image", filename: "rice.png", type: "image/png", data: htmlPage }],
      400,
      "VALIDATION",
    ],
    [
      "a PNG+HTML polyglot",
      [{ name: "image", filename: "rice.png", type: "image/png", data: Buffer.concat([tinyPng, htmlPage]) }],
      400,
      "VALIDATION",
    ],
    [
      "an empty file",
      [{ name: "image", filename: "rice.png", type: "image/png", data: Buffer.alloc(0) }],
      400,
      "VALIDATION",
    ],
    ["no image field", [{ name: "photo", filename: "rice.png", type: "image/png", data: tinyPng }], 400, "VALIDATION"],
    [
      "an extra field",
      [
        { name: "image", filename: "rice.png", type: "image/png", data: tinyPng },
        { name: "productId", data: "prd_other" },
      ],
      400,
      "VALIDATION",
    ],
    [
      "3 MB",
      [
        {
          name: "image",
          filename: "big.png",
          type: "image/png",
          data: Buffer.concat([tinyPng, Buffer.alloc(3 * 1024 * 1024)]),
        },
      ],
      413,
      "PAYLOAD_TOO_LARGE",
    ],
  ] as const)("refuses %s with a clear JSON error and changes nothing", async (_, parts, status, code) => {
    const before = await imagePath();
    const res = await upload([...parts]);
    expect(res.status).toBe(status);
    expect(res.body.error?.code).toBe(code);
    expect(await imagePath()).toBe(before);
  });

  it("names the problem in the person's language", async () => {
    const res = await upload([{ name: "image", filename: "rice.jpg", type: "image/jpeg", data: svgScript }]);
    expect(res.body.error?.fields).toEqual({ image: ["只支持 PNG、JPEG、WebP 图片"] });
  });

  it("refuses a body declared larger than allowed before reading it", async () => {
    const res = await upload([{ name: "image", filename: "rice.png", type: "image/png", data: tinyPng }], {
      headers: { "content-length": String(5 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
  });

  it("refuses a body that is not multipart", async () => {
    session.viewer = member;
    const req = new NextRequest(`${origin}/api/coop/products/${productId}/image`, {
      method: "POST",
      body: JSON.stringify({ image: "x" }),
      headers: { origin, host: "shop.test", "content-type": "application/json" },
    });
    expect((await POST(req, { params: Promise.resolve({ id: productId }) })).status).toBe(400);
  });

  it.each([
    ["another cooperative's member", (): Viewer | null => otherCoopMember, 404],
    ["a consumer", (): Viewer | null => consumer, 404],
    ["an anonymous caller", (): Viewer | null => null, 401],
  ] as const)("%s gets %i and nothing is stored", async (_, who, status) => {
    const before = await imagePath();
    const res = await upload([{ name: "image", filename: "rice.png", type: "image/png", data: tinyPng }], {
      as: who(),
    });
    expect(res.status).toBe(status);
    expect(await imagePath()).toBe(before);
  });

  it("a product that does not exist answers like someone else's", async () => {
    expect(
      (await upload([{ name: "image", filename: "a.png", type: "image/png", data: tinyPng }], { id: "prd_nope" }))
        .status,
    ).toBe(404);
  });

  it("a cross-site request is refused (CSRF)", async () => {
    const res = await upload([{ name: "image", filename: "rice.png", type: "image/png", data: tinyPng }], {
      headers: { origin: "https://evil.tld", "sec-fetch-site": "cross-site" },
    });
    expect(res.status).toBe(403);
  });
});
