import { asc, sql } from "drizzle-orm";
import { bigint, boolean, date, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import { bulkInsert } from "./bulk-insert";
import { setupTestDb } from "./test-db";

const t = setupTestDb();

const probe = pgTable("bulk_insert_probe", {
  id: text("id").primaryKey(),
  n: integer("n"),
  at: timestamp("at", { withTimezone: true, mode: "date" }),
  doc: jsonb("doc").$type<Record<string, unknown>>(),
  day: date("day"),
  flag: boolean("flag"),
  big: bigint("big", { mode: "number" }),
  made: text("made").$defaultFn(() => "by-default-fn"),
  note: text("note").notNull().default("db-default"),
});
const tags = pgTable("bulk_insert_tags", { id: text("id").primaryKey(), tags: text("tags").array() });

beforeAll(async () => {
  await t.db.execute(sql`create table bulk_insert_probe (id text primary key, n integer, at timestamptz, doc jsonb,
    day date, flag boolean, big bigint, made text, note text not null default 'db-default')`);
  await t.db.execute(sql`create table bulk_insert_tags (id text primary key, tags text[])`);
});

describe("bulkInsert", () => {
  it("writes every value as drizzle's insert would: text with quotes and NUL-free oddities, JSON, dates, nulls, defaults", async () => {
    const at = new Date("2026-12-07T12:34:56.789Z");
    const rows = [
      {
        id: "a",
        n: 1,
        at,
        doc: { name: '张"小禾\\', lines: [1, 2], nested: { ok: true } },
        day: "2026-12-08",
        flag: true,
        big: 2 ** 40,
      },
      { id: 'b,"{}', n: null, at: null, doc: null, day: null, flag: false, big: null },
      { id: "c", n: -5, at, doc: { quote: "'", brace: "{}", comma: "a,b" }, day: "2027-01-01", flag: null, big: 0 },
    ];
    await bulkInsert(t.db, probe, rows);
    const back = await t.db.select().from(probe).orderBy(asc(probe.id));
    expect(back).toEqual(
      [...rows]
        .sort((x, y) => (x.id < y.id ? -1 : 1))
        .map((r) => ({ ...r, made: "by-default-fn", note: "db-default" })),
    );
  });

  it("refuses rows that disagree on their columns, array columns, and SQL values — and writes nothing", async () => {
    await expect(bulkInsert(t.db, probe, [{ id: "x1", n: 1 }, { id: "x2" }])).rejects.toThrow(
      /some rows and not others/,
    );
    await expect(bulkInsert(t.db, tags, [{ id: "t", tags: ["a"] }])).rejects.toThrow(/not supported/);
    await expect(bulkInsert(t.db, probe, [{ id: "x3", n: sql`1` as unknown as number }])).rejects.toThrow(/not SQL/);
    expect(
      await t.db
        .select()
        .from(probe)
        .where(sql`id like 'x%'`),
    ).toEqual([]);
  });

  it("an empty list writes nothing and sends nothing", async () => {
    await expect(bulkInsert(t.db, probe, [])).resolves.toBeUndefined();
  });
});
