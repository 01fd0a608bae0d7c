import { describe, expect, it } from "vitest";
import { coopApplicationInput, usccSchema } from "./contract";
import { orgCodeCheckChar, usccCheckChar, usccProblem } from "./uscc";

// Computed with the GB 32100 / GB 11714 weights; the last two are published sample codes.
const valid = [
  "93330421MA2B3C4D11", // a 农民专业合作社 (9 = market regulator, 3 = cooperative) in 嘉善县 (330421)
  "93330421076543212P",
  "91330100MA27XK8L43",
  "12100000400007172J",
  "91350100M000100Y43",
  "91110000600037341L",
];

describe("统一社会信用代码 (GB 32100-2015)", () => {
  it.each(valid)("accepts %s", (code) => {
    expect(usccProblem(code)).toBeNull();
  });

  it("computes both check characters", () => {
    expect(orgCodeCheckChar("MA2B3C4D")).toBe("1");
    expect(orgCodeCheckChar("07654321")).toBe("2");
    expect(usccCheckChar("93330421MA2B3C4D1")).toBe("1");
    expect(usccCheckChar("93330421076543212")).toBe("P");
    expect(usccCheckChar("91350100M000100Y4")).toBe("3");
  });

  it("refuses a wrong check character", () => {
    expect(usccProblem("93330421MA2B3C4D12")).toBe("check");
    expect(usccProblem("93330421076543212Q")).toBe("check");
    expect(usccProblem("911100001000024551")).toBe("org_check");
    // the organisation code's own check character (position 17) wrong, the last one recomputed to match
    const first17 = "93330421MA2B3C4D2";
    expect(usccProblem(first17 + usccCheckChar(first17))).toBe("org_check");
  });

  it("refuses a wrong length", () => {
    expect(usccProblem("93330421MA2B3C4D1")).toBe("invalid_length");
    expect(usccProblem("93330421MA2B3C4D111")).toBe("invalid_length");
    expect(usccProblem("")).toBe("invalid_length");
  });

  it.each(["I", "O", "Z", "S", "V"])("refuses the letter %s, which the code set leaves out", (letter) => {
    expect(usccProblem(`93330421MA2B3C${letter}D11`)).toBe("invalid_characters");
  });

  it("refuses a division code that is not six digits", () => {
    const first17 = "9333042AMA2B3C4D1";
    expect(usccProblem(first17 + usccCheckChar(first17))).toBe("invalid_division");
  });

  it("upper-cases and drops spaces before checking; a wrong code is a field error on uscc", () => {
    expect(usccSchema.parse(" 93330421ma2b 3c4d11 ")).toBe("93330421MA2B3C4D11");
    const r = coopApplicationInput.safeParse({ uscc: "93330421MA2B3C4D12" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.find((i) => i.path[0] === "uscc")?.message).toBe("uscc_check");
  });
});
