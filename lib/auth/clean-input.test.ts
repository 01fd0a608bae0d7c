import { describe, expect, it } from "vitest";
import { AppError } from "../core/errors";
import { formToObject } from "./action";
import { assertCleanInput } from "./clean-input";

const refused = (v: unknown) => {
  try {
    assertCleanInput(v);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).fields;
  }
};

describe("assertCleanInput", () => {
  it("lets ordinary input through", () => {
    expect(refused({ name: "王小米", note: "放门口", lines: [{ variantId: "var_1", quantity: 2 }] })).toBeNull();
  });

  it("refuses a NUL byte anywhere, naming the field", () => {
    expect(refused({ name: "a\0b" })).toEqual({ name: ["invalid_characters"] });
    expect(refused({ lines: [{ note: "\0" }] })).toEqual({ "lines.0.note": ["invalid_characters"] });
  });

  it("refuses __proto__, constructor and prototype keys (JSON keeps __proto__ as an own key)", () => {
    expect(refused(JSON.parse('{"name":"a","__proto__":{"admin":true}}'))).toEqual(
      Object.fromEntries([["__proto__", ["unknown_field"]]]),
    );
    expect(refused({ a: { constructor: { prototype: 1 } } })).toEqual({ "a.constructor": ["unknown_field"] });
  });

  it("refuses nesting deeper than any form", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 1000; i++) deep = { d: deep };
    expect(Object.values(refused(deep) ?? {})).toEqual([["too_deep"]]);
  });

  it("formToObject keeps a __proto__ field as a key, so it is refused rather than silently dropped", () => {
    const form = new FormData();
    form.append("name", "a");
    form.append("__proto__", "x");
    expect(refused(formToObject(form))).toEqual(Object.fromEntries([["__proto__", ["unknown_field"]]]));
  });
});
