import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/contract";
import { setupTestDb } from "@/lib/db/test-db";
import { hit } from "@/lib/auth/rate-limit";
import { UPLOADS_PER_HOUR } from "@/lib/joining/documents";
import { applyAsCoop } from "@/lib/joining/submit-application";
import { coopApplicationInput } from "@/lib/joining/contract";
import { htmlPage, svgScript, tinyPng } from "@/tests/support/images";
import { multipart, type Part } from "@/tests/support/multipart";
import { setupTempUploadDir } from "@/tests/support/upload-dir";
import { createViewer } from "@/tests/support/viewers";
import { POST } from "./route";

// The route asks lib/auth who is calling; outside a Next request there is no session cookie to read.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));

const t = setupTestDb();
const uploadDir = setupTempUploadDir();
const origin = "http://shop.test";
let applicant: Viewer;
let other: Viewer;

beforeAll(async () => {
  applicant = await createViewer(t.db);
  other = await createViewer(t.db);
});

async function upload(parts: Part[], as: Viewer | null = applicant) {
  session.viewer = as;
  const { body, contentType } = multipart(parts);
  const req = new NextRequest(`${origin}/api/apply/documents`, {
    method: "POST",
    body: new Uint8Array(body),
    headers: { origin, host: "shop.test", "content-type": contentType },
  });
  const res = await POST(req);
  return {
    status: res.status,
    body: (await res.json()) as {
      ref?: string;
      path?: string;
      error?: { code: string; fields?: Record<string, string[]> };
    },
  };
}

const form = (licence: string) => ({
  legalName: "春山村茭白专业合作社",
  uscc: "93330421MA2B3C4D11",
  townZh: "姚庄镇",
  villageZh: "春山村",
  contactName: "陆春生",
  contactPhone: "13800000006",
  description: "春山村四十户农户的茭白合作社。",
  licence,
  categories: "vegetable",
});

describe("POST /api/apply/documents", () => {
  it("stores a real image re-encoded as WebP and answers a reference only its uploader can attach", async () => {
    const res = await upload([{ name: "image", filename: "licence.png", type: "image/png", data: tinyPng }]);
    expect(res.status).toBe(200);
    expect(res.body.path).toMatch(/^\/uploads\/[a-z0-9]{24}\.webp$/);
    expect(res.body.ref).toMatch(/^[a-z0-9]{24}\.webp\.[A-Za-z0-9_-]{22}$/);
    const stored = fs.readFileSync(path.join(uploadDir(), path.basename(res.body.path!)));
    expect(stored.subarray(8, 12).toString("latin1")).toBe("WEBP");

    await expect(applyAsCoop(other, coopApplicationInput.parse(form(res.body.ref!)))).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { licence: ["invalid_document"] },
    });
    const mine = await applyAsCoop(applicant, coopApplicationInput.parse(form(res.body.ref!)));
    expect(mine.revision).toBe(1);
  });

  it("refuses anonymous callers, markup passed off as an image, and unknown fields; nothing is stored", async () => {
    const before = fs.readdirSync(uploadDir()).length;
    expect((await upload([{ name: "image", filename: "a.png", type: "image/png", data: tinyPng }], null)).status).toBe(
      401,
    );
    const svg = await upload([{ name: "image", filename: "a.png", type: "image/png", data: svgScript }]);
    expect(svg).toMatchObject({ status: 400, body: { error: { code: "VALIDATION" } } });
    const html = await upload([{ name: "image", filename: "a.jpg", type: "image/jpeg", data: htmlPage }]);
    expect(html.status).toBe(400);
    const extra = await upload([
      { name: "image", filename: "a.png", type: "image/png", data: tinyPng },
      { name: "path", data: Buffer.from("../../etc/passwd") },
    ]);
    expect(extra).toMatchObject({ status: 400, body: { error: { fields: { path: ["不认识的字段"] } } } });
    expect(fs.readdirSync(uploadDir()).length).toBe(before);
  });

  it("answers 429 past the hourly number of uploads, and stores nothing more", async () => {
    const heavy = await createViewer(t.db);
    for (let i = 0; i < UPLOADS_PER_HOUR.max; i++) await hit(`apply:upload:${heavy.userId}`, UPLOADS_PER_HOUR);
    const before = fs.readdirSync(uploadDir()).length;
    const res = await upload([{ name: "image", filename: "a.png", type: "image/png", data: tinyPng }], heavy);
    expect(res).toMatchObject({ status: 429, body: { error: { code: "RATE_LIMITED" } } });
    expect(fs.readdirSync(uploadDir()).length).toBe(before);
  });
});
