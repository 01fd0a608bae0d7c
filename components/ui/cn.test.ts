import { describe, expect, it } from "vitest";
import { buttonClass } from "./button";
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
    expect(buttonClass("primary", "w-full min-h-9")).toContain("min-h-9");
    expect(buttonClass("primary", "w-full min-h-9")).not.toContain("min-h-10");
  });

  it("knows the theme's colours from the sizes: text-sm and text-ink-700, ring-1 and ring-rice-200 all stay", () => {
    expect(cn("text-sm text-ink-700", "ring-1 ring-rice-200 bg-paddy-600/10")).toBe(
      "text-sm text-ink-700 ring-1 ring-rice-200 bg-paddy-600/10",
    );
    expect(cn("text-ink-700", "text-persimmon-600")).toBe("text-persimmon-600");
  });
});
