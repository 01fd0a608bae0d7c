import { readUpload } from "@/lib/catalog";

// Stored names are random and never reused, so a response may be cached for good.
const imageHeaders = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "Cache-Control": "public, max-age=31536000, immutable",
};

// GET /uploads/[name] — a stored product image, served so that it can only ever be an image.
export async function GET(_req: Request, ctx: { params: Promise<{ name: string }> }) {
  const file = await readUpload((await ctx.params).name);
  if (!file) {
    return new Response("Not found", {
      status: 404,
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
      },
    });
  }
  return new Response(new Uint8Array(file.bytes), {
    headers: { ...imageHeaders, "Content-Type": file.contentType, "Content-Length": String(file.bytes.byteLength) },
  });
}
