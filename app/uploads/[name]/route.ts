import { readUpload } from "@/lib/catalog";

// GET /uploads/[name] — a stored product image, served so that it can only ever be an image.
export async function GET(_req: Request, ctx: { params: Promise<{ name: string }> }) {
  const file = await readUpload((await ctx.params).name);
  if (!file) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
}
