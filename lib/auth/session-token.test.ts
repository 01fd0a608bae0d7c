import { createCipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decryptSessionToken } from "./session-token";

const salt = "__Secure-authjs.session-token";
const secret = "a-test-secret-of-some-length-000000";
const claims = { sub: "usr_1", uid: "usr_1", sid: "ses_1", name: "张小禾", email: "buyer@example.com" };

describe("decryptSessionToken reads what Auth.js writes, as Auth.js reads it", () => {
  it("the library's own cookies decrypt to the library's own payload", async () => {
    for (let i = 0; i < 5; i++) {
      const token = await encode({ token: { ...claims, i }, secret, salt, maxAge: 3600 });
      expect(decryptSessionToken(token, secret, salt)).toEqual(await decode({ token, secret, salt }));
    }
  });

  it("the secret may be a list (rotation): the one whose key id matches decrypts it", async () => {
    const token = await encode({ token: claims, secret: "old-secret-old-secret-old-secret-0", salt, maxAge: 60 });
    expect(decryptSessionToken(token, [secret, "old-secret-old-secret-old-secret-0"], salt)).toMatchObject(claims);
    expect(decryptSessionToken(token, [secret], salt)).toBeNull();
  });

  it("refuses, like the library: another secret or salt, any flipped byte, an expired token, garbage", async () => {
    const token = await encode({ token: claims, secret, salt, maxAge: 3600 });
    expect(decryptSessionToken(token, "another-secret-another-secret-00", salt)).toBeNull();
    expect(decryptSessionToken(token, secret, "authjs.session-token")).toBeNull();
    const parts = token.split(".");
    for (const i of [0, 2, 3, 4]) {
      const p = Buffer.from(parts[i]!, "base64url");
      p[p.length >> 1]! ^= 1;
      const flipped = parts.map((x, j) => (j === i ? p.toString("base64url") : x)).join(".");
      expect(decryptSessionToken(flipped, secret, salt), `part ${i}`).toBeNull();
      await expect(decode({ token: flipped, secret, salt })).rejects.toThrow();
    }
    const expired = await encode({ token: claims, secret, salt, maxAge: 10 });
    expect(decryptSessionToken(expired, secret, salt, Date.now() + 27_000)).toBeNull(); // past 10 s + 15 s tolerance
    expect(decryptSessionToken(expired, secret, salt, Date.now() + 20_000)).toMatchObject(claims);
    for (const junk of ["", "a.b.c.d.e", "....", `${parts[0]}.x.${parts[2]}.${parts[3]}.${parts[4]}`, "\0"])
      expect(decryptSessionToken(junk, secret, salt)).toBeNull();
  });

  it("a token under another algorithm is refused, even with the right key", () => {
    const key = Buffer.from(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    const build = (alg: string, enc: string) => {
      const header = Buffer.from(JSON.stringify({ alg, enc })).toString("base64url");
      const iv = randomBytes(16);
      const c = createCipheriv("aes-256-cbc", key.subarray(32), iv);
      const ct = Buffer.concat([c.update(JSON.stringify(claims)), c.final()]);
      const al = Buffer.alloc(8);
      al.writeBigUInt64BE(BigInt(header.length * 8));
      const tag = createHmac("sha512", key.subarray(0, 32)).update(header).update(iv).update(ct).update(al).digest();
      return [
        header,
        "",
        iv.toString("base64url"),
        ct.toString("base64url"),
        tag.subarray(0, 32).toString("base64url"),
      ].join(".");
    };
    expect(decryptSessionToken(build("dir", "A256CBC-HS512"), secret, salt)).toMatchObject(claims);
    expect(decryptSessionToken(build("A256KW", "A256CBC-HS512"), secret, salt)).toBeNull();
    expect(decryptSessionToken(build("dir", "A128CBC-HS256"), secret, salt)).toBeNull();
  });
});
