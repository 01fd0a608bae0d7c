import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./errors";

describe("isDatabaseUnavailable", () => {
  it.each([
    ["connection refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    [
      "admin shutdown",
      Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
    ],
    ["starting up", Object.assign(new Error("the database system is starting up"), { code: "57P03" })],
    ["pool timeout", new Error("timeout exceeded when trying to connect")],
    ["terminated mid-query", new Error("Connection terminated unexpectedly")],
    [
      "wrapped by drizzle",
      new Error("Failed query: select 1", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) }),
    ],
    [
      "aggregate (dual stack)",
      Object.assign(new AggregateError([Object.assign(new Error("a"), { code: "ECONNREFUSED" })]), {}),
    ],
  ])("%s → unavailable", (_, err) => expect(isDatabaseUnavailable(err)).toBe(true));

  it.each([
    ["unique violation", Object.assign(new Error("duplicate key"), { code: "23505" })],
    ["bad input", Object.assign(new Error("invalid byte sequence"), { code: "22021" })],
    ["a bug", new TypeError("x is undefined")],
    ["not an error", "nope"],
  ])("%s → not unavailable", (_, err) => expect(isDatabaseUnavailable(err)).toBe(false));
});
