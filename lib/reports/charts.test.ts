import { describe, expect, it } from "vitest";
import { CHART_COLOURS, chartDataUrl, chartSvg } from "./charts";

describe("charts drawn on the server", () => {
  it("a stacked bar chart of five channels: an SVG with every series named in its legend, textured bars", () => {
    const svg = chartSvg({
      kind: "bar",
      stacked: true,
      categories: ["12月1日", "12月2日", "12月3日"],
      series: ["商城", "社区团购", "拼团", "直播", "回放"].map((name, i) => ({ name, values: [i * 100, 200, 0] })),
      money: true,
      title: "按渠道的销售额",
    });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('width="340"');
    for (const name of ["商城", "社区团购", "拼团", "直播", "回放"]) expect(svg).toContain(`>${name}</text>`);
    expect(svg).toContain(CHART_COLOURS[0]);
    expect(svg).toContain("<pattern"); // the decals
    expect(svg).toContain("¥4");
  });

  it("a line chart as a data URL; markup in a name stays text", () => {
    const spec = {
      kind: "line" as const,
      categories: ["20:00", "20:01"],
      series: [{ name: "<script>alert(1)</script>", values: [3, 5] }],
      title: "观看人数",
    };
    const url = chartDataUrl(spec);
    expect(url.startsWith("data:image/svg+xml;base64,")).toBe(true);
    const svg = Buffer.from(url.split(",")[1]!, "base64").toString("utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
  });
});
