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
/** The SMTP server takes this long to accept a message; `inData`/`answered` say where it is. */
const smtp = { delayMs: 0, inData: false, answered: false };

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, done) {
      let body = "";
      stream.on("data", (d: Buffer) => (body += d.toString()));
      smtp.inData = true;
      stream.on("end", () => {
        setTimeout(() => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), body });
          smtp.answered = true;
          done();
        }, smtp.delayMs);
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
    for (let i = 0; i < 2; i++)
      await notify(t.db, {
        userId: u.id,
        kind: "order_ready",
        params: { number: "E261128ABCDEF" },
        dedupeKey: "ready:test-order",
      });
    expect(await sendPendingEmails()).toBe(1);
    expect(await sendPendingEmails()).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toBe("mei@example.com");
    expect(received[0]!.body).toContain("E261128ABCDEF");
    const [n] = await t.db.select().from(s.notifications).where(eq(s.notifications.userId, u.id));
    expect(n?.emailStatus).toBe("sent");
  });
});

describe("notification e-mail: no transaction open while the SMTP server answers", () => {
  it("while a slow SMTP server takes the message, the notification's row is not locked; it is recorded sent after", async () => {
    const u = await createUser(t.db, { email: "slow@example.com" });
    await notify(t.db, {
      userId: u.id,
      kind: "order_ready",
      params: { number: "E261201SLOWXX" },
      dedupeKey: "ready:slow-order",
    });
    const [row] = await t.db.select().from(s.notifications).where(eq(s.notifications.dedupeKey, "ready:slow-order"));
    Object.assign(smtp, { delayMs: 2_000, inData: false, answered: false });
    const sending = sendPendingEmails();
    while (!smtp.inData) await new Promise((r) => setTimeout(r, 20));
    // Claimed (attempt counted, lease set) and committed before the send: another transaction takes the row at once.
    const seen = await t.db.transaction(
      async (tx) =>
        (
          await tx.select().from(s.notifications).where(eq(s.notifications.id, row!.id)).for("update", { noWait: true })
        )[0]!,
    );
    expect(smtp.answered).toBe(false);
    expect(seen).toMatchObject({ emailStatus: "pending", emailAttempts: 1 });
    expect(seen.emailClaimedUntil).toBeInstanceOf(Date);
    expect(await sending).toBe(1);
    const [after] = await t.db.select().from(s.notifications).where(eq(s.notifications.id, row!.id));
    expect(after).toMatchObject({ emailStatus: "sent", emailAttempts: 1, emailClaimedUntil: null });
    // Claimed rows are not sent again by a run that starts meanwhile, and a sent row never again.
    expect(await sendPendingEmails()).toBe(0);
    expect(received.filter((m) => m.to === "slow@example.com")).toHaveLength(1);
    smtp.delayMs = 0;
  });
});
