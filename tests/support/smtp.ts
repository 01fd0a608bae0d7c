import { afterAll, beforeAll } from "vitest";
import { SMTPServer } from "smtp-server";
import { resetEnvForTests } from "../../lib/env";

export interface ReceivedMail {
  to: string;
  subject: string;
  /** The text part, decoded (quoted-printable or base64 → UTF-8). */
  text: string;
}

function decodeWords(header: string): string {
  return header.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) =>
    enc.toLowerCase() === "b" ? Buffer.from(data, "base64").toString("utf8") : decodeQp(data.replaceAll("_", " ")),
  );
}

function decodeQp(body: string): string {
  const src = body.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const hex = src[i] === "=" ? /^[0-9A-F]{2}$/i.exec(src.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(...Buffer.from(src[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** One message as the SMTP server received it, decoded far enough to read its subject and text. */
export function parseMail(raw: string, to: string): ReceivedMail {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head)?.[1]?.trim() ?? "";
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQp(body)
        : body;
  return { to, subject: decodeWords(header("Subject")), text: text.replace(/\r\n/g, "\n").trimEnd() };
}

/**
 * A real SMTP server on a free local port for this test file, with SMTP_URL pointing at it: what the app sends is
 * in `mails`, in order.
 */
export function setupSmtpServer(): { mails: ReceivedMail[] } {
  const mails: ReceivedMail[] = [];
  let server: SMTPServer;
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, done) {
        let raw = "";
        stream.on("data", (d: Buffer) => (raw += d.toString("utf8")));
        stream.on("end", () => {
          mails.push(parseMail(raw, session.envelope.rcptTo.map((r) => r.address).join(",")));
          done();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.server.address() as { port: number };
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    resetEnvForTests();
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    resetEnvForTests();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return { mails };
}

/** The first link to `path` (e.g. "/reset-password/") in a message's text. */
export function linkIn(mail: ReceivedMail | undefined, path: string): string {
  const m = mail ? new RegExp(`https?://[^\\s]+${path}[A-Za-z0-9_-]+`).exec(mail.text) : null;
  if (!m) throw new Error(`no ${path} link in ${JSON.stringify(mail?.text)}`);
  return m[0];
}
