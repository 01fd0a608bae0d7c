import "server-only";
import { eq, or } from "drizzle-orm";
import { AppError } from "../core/errors";
import { newId } from "../core/ids";
import { hashPassword } from "../core/password";
import { getDb, schema as s } from "../db";
import type { SignUpInput } from "./contract";
import { enforce } from "./rate-limit";

/** Creates a consumer account. Every new person is a consumer; other capabilities come from memberships. */
export async function signUp(input: SignUpInput, ip: string): Promise<{ userId: string; identifier: string }> {
  await enforce(`signup:ip:${ip}`, { max: 20, windowSeconds: 3600 }, "sign-ups");
  const { name, password } = input;
  const email = input.email || null;
  const phone = input.phone || null;
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  const userId = newId("usr");
  try {
    await db.transaction(async (tx) => {
      const taken = await tx
        .select({ email: s.users.email, phone: s.users.phone })
        .from(s.users)
        .where(or(email ? eq(s.users.email, email) : undefined, phone ? eq(s.users.phone, phone) : undefined));
      if (taken.length) throw takenError(taken.some((t) => email && t.email === email));
      await tx.insert(s.users).values({ id: userId, name, email, phone, passwordHash });
    });
  } catch (err) {
    // Two sign-ups racing for one e-mail: the unique index decides.
    if (
      (err as { code?: string })?.code === "23505" ||
      (err as { cause?: { code?: string } })?.cause?.code === "23505"
    ) {
      throw takenError(String((err as Error).message).includes("email"));
    }
    throw err;
  }
  return { userId, identifier: email ?? phone! };
}

function takenError(emailTaken: boolean) {
  return new AppError("CONFLICT", "account exists", {
    fields: emailTaken ? { email: ["email_taken"] } : { phone: ["phone_taken"] },
  });
}
