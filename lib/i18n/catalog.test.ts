import fs from "node:fs";
import { createTranslator, type IntlError } from "next-intl";
import { describe, expect, it } from "vitest";
import { errorCodes, type ErrorCode } from "../core/errors";
import { formats, TIME_ZONE } from "./formats";
import { locales } from "./locales";
import { catalogs, CLIENT_NAMESPACES } from "./messages";

/** Every message of a catalog, by its dotted key. */
function flatten(node: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof node === "string") out.set(prefix, node);
  else if (typeof node === "object" && node !== null)
    for (const [k, v] of Object.entries(node)) for (const e of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(...e);
  else out.set(prefix, `<${typeof node}>`);
  return out;
}

/** The ICU arguments a message names ("{count, plural, …}" → count: plural, "{name}" → name: ""). */
function argsOf(message: string): Map<string, string> {
  const args = new Map<string, string>();
  for (const m of message.matchAll(/\{\s*([A-Za-z_]\w*)\s*(?:,\s*([a-z]+))?\s*[,}]/g)) {
    const [, name, type = ""] = m;
    if (!args.get(name!)) args.set(name!, type);
  }
  return args;
}

const numeric = new Set(["plural", "selectordinal", "number"]);
const temporal = new Set(["date", "time"]);

const messages = Object.fromEntries(locales.map((l) => [l, flatten(catalogs()[l])])) as Record<
  (typeof locales)[number],
  Map<string, string>
>;
const keys = [...new Set(locales.flatMap((l) => [...messages[l].keys()]))].sort();

describe("the message catalogs", () => {
  it("have the same namespaces, the same keys and the same arguments in every locale", () => {
    const problems: string[] = [];
    for (const key of keys) {
      const present = locales.filter((l) => messages[l].has(key));
      if (present.length !== locales.length) {
        problems.push(`${key}: only in ${present.join(", ")}`);
        continue;
      }
      const [first, ...rest] = locales.map((l) => [...argsOf(messages[l].get(key)!).keys()].sort().join(","));
      if (rest.some((a) => a !== first)) {
        problems.push(
          `${key}: arguments differ (${locales.map((l) => `${l} {${[...argsOf(messages[l].get(key)!).keys()]}}`).join(" vs ")})`,
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it("hold only strings", () => {
    const odd = locales.flatMap((l) => [...messages[l]].filter(([, v]) => v.startsWith("<")).map(([k]) => `${l} ${k}`));
    expect(odd).toEqual([]);
  });

  it("format every message in both locales with sample values: no ICU syntax error, no missing argument", () => {
    const problems: string[] = [];
    for (const locale of locales) {
      const t = createTranslator({
        locale,
        messages: catalogs()[locale],
        formats,
        timeZone: TIME_ZONE,
        onError: (e: IntlError) => problems.push(`${locale}: ${e.message}`),
      }) as unknown as (key: string, values?: Record<string, string | number | Date>) => string;
      for (const key of keys) {
        const args = new Map([...locales.flatMap((l) => [...argsOf(messages[l].get(key) ?? "")])]);
        // Numbers for plurals and number formats (0, 1 and 2 take every branch of zh and en), a date for dates.
        for (const n of [0, 1, 2, 1234.5]) {
          const values = Object.fromEntries(
            [...args].map(([name, type]) => [
              name,
              numeric.has(type) ? n : temporal.has(type) ? new Date("2026-12-03T11:30:00Z") : "x",
            ]),
          );
          const out = t(key, values);
          if (out === key || /\{[A-Za-z_]\w*\}/.test(out)) problems.push(`${locale}: ${key} → ${out}`);
        }
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it("say plurals in English and keep Chinese as it was", () => {
    const t = (locale: "zh-CN" | "en") =>
      createTranslator({ locale, messages: catalogs()[locale], namespace: "teams", formats, timeZone: TIME_ZONE });
    expect(t("en")("teamsForming", { count: 1 })).toBe("1 team forming");
    expect(t("en")("teamsForming", { count: 2 })).toBe("2 teams forming");
    expect(t("zh-CN")("teamsForming", { count: 2 })).toBe("2 个团正在拼");
    const station = (locale: "zh-CN" | "en") =>
      createTranslator({ locale, messages: catalogs()[locale], namespace: "stationConsole" });
    expect(station("en")("batchCounts", { orders: 1, units: 3 })).toBe("1 order · 3 units");
    expect(station("zh-CN")("batchCounts", { orders: 1, units: 3 })).toBe("1 单 · 3 件");
  });

  it("have a text for every error code", () => {
    for (const locale of locales) {
      const table = catalogs()[locale].errors as Record<string, string>;
      expect(Object.keys(errorCodes).filter((c) => !table[c as ErrorCode])).toEqual([]);
    }
  });

  it("are all typed: i18n/app-config.ts lists every namespace file", () => {
    const source = fs.readFileSync("i18n/app-config.ts", "utf8");
    const files = fs
      .readdirSync("messages/zh-CN")
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.slice(0, -5));
    expect(files.filter((ns) => !source.includes(`  ${ns}: typeof ${ns};`))).toEqual([]);
    expect(files.filter((ns) => !source.includes(`from "@/messages/zh-CN/${ns}.json";`))).toEqual([]);
  });

  it("send client components only namespaces that exist", () => {
    for (const locale of locales) {
      expect(CLIENT_NAMESPACES.filter((ns) => !(ns in catalogs()[locale]))).toEqual([]);
    }
  });
});
