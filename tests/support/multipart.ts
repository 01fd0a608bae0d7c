import { randomBytes } from "node:crypto";

export interface Part {
  name: string;
  data: Buffer | string;
  filename?: string;
  type?: string;
}

/** A hand-written multipart/form-data body, so tests control every header a browser (or an attacker) sends. */
export function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----elian${randomBytes(8).toString("hex")}`;
  const chunks = parts.flatMap((p) => {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ""}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ""}\r\n`;
    return [Buffer.from(head), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data), Buffer.from("\r\n")];
  });
  return {
    body: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
