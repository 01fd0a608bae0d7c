import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "../db/schema";
import { setupTestDb, testDriver } from "../db/test-db";
import { accounts } from "./accounts";
import { postJournal } from "./post";

const t = setupTestDb();

const failure = (p: Promise<unknown>) =>
  p.then(
    () => "committed",
    (e: { message?: string; cause?: { message?: string } }) => `${e.message} ${e.cause?.message ?? ""}`,
  );

async function rawJournal(key: string, amounts: number[]) {
  return t.db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into ledger_accounts (id, kind) values ('clearing', 'clearing'), ('buyer_funds', 'buyer_funds') on conflict do nothing`,
    );
    const [j] = await tx
      .insert(s.ledgerJournals)
      .values({ key, kind: "capture", postedAt: new Date() })
      .returning({ id: s.ledgerJournals.id });
    for (const [i, fen] of amounts.entries())
      await tx.execute(
        sql`insert into ledger_entries (journal_id, account_id, amount_fen, posted_at) values (${j!.id}, ${i % 2 ? "buyer_funds" : "clearing"}, ${fen}, now())`,
      );
  });
}

describe("the ledger in the database: what a raw INSERT, UPDATE, DELETE or TRUNCATE cannot do", () => {
  it("a journal that does not balance, or has one entry or none, is refused at commit — whoever writes it", async () => {
    expect(await failure(rawJournal("raw:ok", [500, -500]))).toBe("committed");
    expect(await failure(rawJournal("raw:off", [500, -499]))).toMatch(/does not balance: 1 fen over 2 entries/);
    expect(await failure(rawJournal("raw:single", [500]))).toMatch(/does not balance/);
    expect(await failure(rawJournal("raw:empty", []))).toMatch(/does not balance: 0 fen over 0 entries/);
    // Nothing of the refused journals remains.
    const keys = await t.db.select({ key: s.ledgerJournals.key }).from(s.ledgerJournals);
    expect(keys.map((k) => k.key)).toEqual(["raw:ok"]);
    // A second journal's entry cannot balance the first: the check is per journal.
    expect(
      await failure(
        t.db.transaction(async (tx) => {
          const rows = await tx
            .insert(s.ledgerJournals)
            .values([
              { key: "raw:a", kind: "capture", postedAt: new Date() },
              { key: "raw:b", kind: "capture", postedAt: new Date() },
            ])
            .returning({ id: s.ledgerJournals.id });
          await tx.insert(s.ledgerEntries).values([
            { journalId: rows[0]!.id, accountId: "clearing", amountFen: 100, postedAt: new Date() },
            { journalId: rows[1]!.id, accountId: "buyer_funds", amountFen: -100, postedAt: new Date() },
          ]);
        }),
      ),
    ).toMatch(/does not balance/);
    // A zero entry is refused outright.
    expect(await failure(rawJournal("raw:zero", [0, 0]))).toMatch(/ledger_entries_amount_nonzero|check constraint/);
  });

  it("entries and journals are append-only: UPDATE, DELETE and TRUNCATE are refused", async () => {
    expect(await failure(t.db.execute(sql`update ledger_entries set amount_fen = amount_fen * 2`))).toMatch(
      /append-only: UPDATE refused/,
    );
    expect(await failure(t.db.execute(sql`delete from ledger_entries`))).toMatch(/append-only: DELETE refused/);
    expect(await failure(t.db.execute(sql`update ledger_journals set key = 'x'`))).toMatch(/append-only/);
    expect(await failure(t.db.execute(sql`delete from ledger_journals`))).toMatch(/append-only/);
    expect(await failure(t.db.execute(sql`truncate ledger_entries, ledger_journals`))).toMatch(/append-only: TRUNCATE/);
    const [sum] = await t.db.select({ n: sql<string>`sum(amount_fen)` }).from(s.ledgerEntries);
    expect(Number(sum!.n)).toBe(0);
  });

  it("postJournal refuses an unbalanced draft before the database sees it, and posts a key once", async () => {
    await expect(
      t.db.transaction((tx) =>
        postJournal(tx, {
          key: "draft:off",
          kind: "capture",
          at: new Date(),
          entries: [
            { accountId: accounts.clearing, amountFen: 100 },
            { accountId: accounts.buyerFunds, amountFen: -99 },
          ],
        }),
      ),
    ).rejects.toThrow(/does not balance \(1 fen\)/);
    const draft = {
      key: "draft:once",
      kind: "capture" as const,
      at: new Date(),
      entries: [
        { accountId: accounts.clearing, amountFen: 700 },
        { accountId: accounts.buyerFunds, amountFen: -700 },
      ],
    };
    const first = await t.db.transaction((tx) => postJournal(tx, draft));
    const again = await t.db.transaction((tx) => postJournal(tx, draft));
    // Ten at once: the unique key lets one through (on PostgreSQL the others wait for it, then post nothing).
    const many = await Promise.all(
      Array.from({ length: 10 }, () => t.db.transaction((tx) => postJournal(tx, { ...draft, key: "draft:race" }))),
    );
    expect([first, again]).toEqual([true, false]);
    expect(many.filter(Boolean)).toHaveLength(1);
    const rows = await t.db.execute(
      sql`select j.key, count(e.id)::int as n from ledger_journals j join ledger_entries e on e.journal_id = j.id where j.key like 'draft:%' group by j.key order by j.key`,
    );
    expect((rows as unknown as { rows: unknown[] }).rows).toEqual([
      { key: "draft:once", n: 2 },
      { key: "draft:race", n: 2 },
    ]);
    expect(testDriver()).toMatch(/pglite|postgres/);
  });
});
