import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("writes the header labels, then one line per row, each ending in CRLF", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["1", 2],
          [null, undefined],
        ],
      ),
    ).toBe("a,b\r\n1,2\r\n,\r\n");
    expect(toCsv(["only", "header"], [])).toBe("only,header\r\n");
  });

  it("takes its header labels as data: translated labels are written as given", () => {
    expect(toCsv(["订单号", "数量"], [["T1", 3]])).toBe("订单号,数量\r\nT1,3\r\n");
  });

  it("quotes a cell only when it holds a quote, a comma or a line break", () => {
    expect(toCsv(["h"], [['say "hi"'], ["a,b"], ["two\nlines"], ["cr\rhere"], ["plain 湖墩大米"]])).toBe(
      'h\r\n"say ""hi"""\r\n"a,b"\r\n"two\nlines"\r\n"cr\rhere"\r\nplain 湖墩大米\r\n',
    );
  });

  it.each([
    ["=", '=HYPERLINK("http://evil.test","x")', `"'=HYPERLINK(""http://evil.test"",""x"")"`],
    ["+", "+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ["-", "-2+3", "'-2+3"],
    ["@", "@SUM(A1)", "'@SUM(A1)"],
    ["a tab", "\t=1", "'\t=1"],
    ["a CR", "\r=1", `"'\r=1"`],
    ["a full-width =", "＝1+1", "'＝1+1"],
  ])("neutralises a cell starting with %s", (_, cell, written) => {
    expect(toCsv(["h"], [[cell]])).toBe(`h\r\n${written}\r\n`);
  });

  it("guards header labels too, and leaves numbers and inner signs alone", () => {
    expect(toCsv(["=label"], [[-5], ["a=b"], ["1-2"], [12.5]])).toBe("'=label\r\n-5\r\na=b\r\n1-2\r\n12.5\r\n");
  });

  it("writes no byte order mark (the routes add it)", () => {
    expect(toCsv(["h"], [["x"]]).charCodeAt(0)).toBe("h".charCodeAt(0));
  });
});
