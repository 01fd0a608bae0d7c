import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { buttonClass, type ButtonVariant } from "./button";
import { cn } from "./cn";

describe("cn", () => {
  it("joins strings and drops what is false", () => {
    const pending = false;
    expect(cn("rounded-xl p-3", pending && "opacity-50", null, undefined, ["ring-1", { "ring-rice-200": true }])).toBe(
      "rounded-xl p-3 ring-1 ring-rice-200",
    );
  });

  it("lets a later class override an earlier one of the same kind", () => {
    expect(cn("rounded-lg px-4 py-2", "px-3")).toBe("rounded-lg py-2 px-3");
  });

  it("knows the theme's colours from the sizes: text-sm and text-ink-700, ring-1 and ring-rice-200 all stay", () => {
    expect(cn("text-sm text-ink-700", "ring-1 ring-rice-200 bg-paddy-600/10")).toBe(
      "text-sm text-ink-700 ring-1 ring-rice-200 bg-paddy-600/10",
    );
    expect(cn("text-ink-700", "text-persimmon-600")).toBe("text-persimmon-600");
  });
});

describe("buttonClass joins without merging (tailwind-merge stays off pages that only need buttons)", () => {
  it("adds the extra classes to the defaults", () => {
    expect(buttonClass("primary", "w-full", false && "hidden")).toBe(`${buttonClass("primary")} w-full`);
  });

  it("no button in the app is given a class that restates one of its defaults", () => {
    const files = execFileSync("git", ["ls-files", "components", "app"], { encoding: "utf8" })
      .split("\n")
      .filter((f) => f.endsWith(".tsx"));
    const extras: string[] = [];
    for (const f of files) {
      const src = fs.readFileSync(f, "utf8");
      for (const m of src.matchAll(/buttonClass\("[a-z]+",\s*"([^"]+)"\)/g)) extras.push(m[1]!);
      for (const m of src.matchAll(/<Button\b[^>]*?className="([^"]+)"/g)) extras.push(m[1]!);
    }
    expect(extras.length).toBeGreaterThan(20);
    for (const variant of ["primary", "secondary", "danger", "ghost"] as ButtonVariant[])
      for (const extra of new Set(extras)) {
        const joined = buttonClass(variant, extra);
        expect(cn(joined), `${variant} + "${extra}"`).toBe(joined);
      }
  });
});
