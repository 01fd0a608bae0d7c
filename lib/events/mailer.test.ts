import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { eq } from "drizzle-orm";
import * as s from "../db/schema";
import { createUser } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { resetEnvForTests } from "../env";
import { sendPendingEmails } from "./mailer";
import { notify } from "./notify";

const t = setupTestDb();
const received: { to: string; body: string }[] = [];
let server: SMTPServer;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, done) {
      let body = "";
      stream.on("data", (d: Buffer) => (body += d.toString()));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), body });
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

describe("notification e-mail", () => {
  it("is written once per fact and sent once, in both languages", async () => {
    const u = await createUser(t.db, { email: "mei@example.com" });
    for (let i = 0; i < 2; i++) await notify(t.db, { userId: u.id, kind: "order_ready", params: { number: "E261128ABCDEF" }, dedupeKey: "ready:test-order" });
    expect(await sendPendingEmails()).toBe(1);
    expect(await sendPendingEmails()).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toBe("mei@example.com");
    expect(received[0]!.body).toContain("E261128ABCDEF");
    const [n] = await t.db.select().from(s.notifications).where(eq(s.notifications.userId, u.id));
    expect(n?.emailStatus).toBe("sent");
  });
});
