import "server-only";
import { BarChart, LineChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, AriaComponent, SVGRenderer]);

/**
 * Okabe & Ito's palette, told apart with any common colour-vision deficiency; bars also carry a texture (ECharts'
 * decals) and lines a marker shape of their own, so no series depends on colour alone.
 */
export const CHART_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442"];
const SYMBOLS = ["circle", "rect", "triangle", "diamond", "pin", "arrow", "roundRect"];

export interface ChartSpec {
  kind: "bar" | "line";
  /** Bars stacked into one per category (the channels of a day), instead of side by side. */
  stacked?: boolean;
  /** The x axis' labels, already in the reader's language. */
  categories: string[];
  series: { name: string; values: number[] }[];
  /** Values are fen: the axis shows yuan. */
  money?: boolean;
  /** What the chart shows, for its description. */
  title: string;
  width?: number;
  height?: number;
}

const yuanAxis = (fen: number) => {
  const yuan = fen / 100;
  return Math.abs(yuan) >= 10_000 ? `¥${(yuan / 10_000).toFixed(1)}万` : `¥${Math.round(yuan)}`;
};

/**
 * The chart as an SVG document, drawn on the server with ECharts' SSR (no chart JavaScript reaches the phone). 340 ×
 * 220 by default: legible at 375 px, and it scales with its box.
 */
export function chartSvg(spec: ChartSpec): string {
  const width = spec.width ?? 340;
  const height = spec.height ?? 220;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: CHART_COLOURS,
      textStyle: { fontFamily: "'Noto Sans CJK SC', 'PingFang SC', system-ui, sans-serif", fontSize: 11 },
      aria: { enabled: true, label: { description: spec.title }, decal: { show: spec.kind === "bar" } },
      legend: { top: 0, type: "plain", itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 10 } },
      grid: { left: 44, right: 8, top: spec.series.length > 3 ? 44 : 28, bottom: 24 },
      xAxis: {
        type: "category",
        data: spec.categories,
        axisLabel: { fontSize: 10, hideOverlap: true },
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: "value",
        minInterval: spec.money ? 100 : 1,
        axisLabel: { fontSize: 10, formatter: spec.money ? yuanAxis : undefined },
        splitLine: { lineStyle: { color: "#e5e0d5" } },
      },
      series: spec.series.map((s, i) => ({
        name: s.name,
        type: spec.kind,
        data: s.values,
        ...(spec.stacked ? { stack: "total" } : {}),
        ...(spec.kind === "line"
          ? { symbol: SYMBOLS[i % SYMBOLS.length], symbolSize: 5, showSymbol: spec.categories.length <= 40 }
          : {}),
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The chart as a `data:` URL for an <img> (an image cannot run anything the SVG might carry). */
export function chartDataUrl(spec: ChartSpec): string {
  return `data:image/svg+xml;base64,${Buffer.from(chartSvg(spec)).toString("base64")}`;
}
