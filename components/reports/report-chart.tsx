/* eslint-disable @next/next/no-img-element -- a chart drawn on the server, as a data: URL (no chart script on the phone) */

/**
 * A chart drawn on the server (an SVG in a `data:` URL: it runs nothing and loads nothing), with its description as
 * the image's text; the same figures are in a table beside it.
 */
export function ReportChart({ src, title, series }: { src: string; title: string; series: number }) {
  return (
    <figure className="flex flex-col gap-1 rounded-xl bg-white p-3 ring-1 ring-rice-200">
      <figcaption className="text-sm font-semibold">{title}</figcaption>
      <img
        src={src}
        alt={title}
        width={340}
        height={220}
        className="h-auto w-full max-w-xl"
        data-testid="report-chart"
        data-series={series}
      />
    </figure>
  );
}
