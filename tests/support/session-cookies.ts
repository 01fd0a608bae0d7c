import { randomBytes } from "node:crypto";
import { encode } from "@auth/core/jwt";
import pg from "pg";

/** The session cookie's name on a production server (Auth.js prefixes it and marks it Secure). */
export const SESSION_COOKIE = "__Secure-authjs.session-token";
const MAX_AGE = 30 * 24 * 3600;

/**
 * Many signed-in buyers at once, for load and fault tests: accounts and session rows written directly (with one
 * real password hash shared by all), and a real Auth.js session cookie for each, encrypted with the server's
 * AUTH_SECRET exactly as a sign-in would make it, so the app checks it like any other.
 */
export async function mintBuyers(
  databaseUrl: string,
  n: number,
  secret: string,
  passwordHash: string,
): Promise<{ userId: string; cookie: string }[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await mintBuyersWith((text, params) => client.query(text, params), n, secret, passwordHash);
  } finally {
    await client.end();
  }
}

/** mintBuyers through any client that runs a parameterized statement (a pg client, PGlite). */
export async function mintBuyersWith(
  query: (text: string, params: unknown[]) => Promise<unknown>,
  n: number,
  secret: string,
  passwordHash: string,
): Promise<{ userId: string; cookie: string }[]> {
  const stamp = randomBytes(3).toString("hex");
  const users = Array.from({ length: n }, (_, i) => ({
    id: `usr_load_${stamp}_${i}`,
    sid: `ses_load_${stamp}_${i}`,
    name: `买家${i}`,
    email: `load-${stamp}-${i}@load.test`,
  }));
  for (let i = 0; i < users.length; i += 500) {
    const chunk = users.slice(i, i + 500);
    await query(
      `insert into users (id, name, email, password_hash) select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
      [chunk.map((u) => u.id), chunk.map((u) => u.name), chunk.map((u) => u.email), chunk.map(() => passwordHash)],
    );
    await query(
      `insert into auth_sessions (id, user_id, expires_at) select s, u, now() + interval '30 days' from unnest($1::text[], $2::text[]) as t(s, u)`,
      [chunk.map((u) => u.sid), chunk.map((u) => u.id)],
    );
  }
  const out: { userId: string; cookie: string }[] = [];
  for (const u of users) {
    const jwt = await encode({
      token: { name: u.name, email: u.email, sub: u.id, uid: u.id, sid: u.sid },
      secret,
      salt: SESSION_COOKIE,
      maxAge: MAX_AGE,
    });
    out.push({ userId: u.id, cookie: `${SESSION_COOKIE}=${jwt}` });
  }
  return out;
}
