import "server-only";
export { coopReport, readCoopReport, REPORT_TIME_ZONE } from "./coop-report";
export { stationReport, readStationReport } from "./station-report";
export { adminReport, readAdminReport } from "./admin-report";
export { sessionReport, readSessionReport } from "./session-report";
export { refreshReportRollups, pendingReportChanges } from "./rollups";
export { chartDataUrl, chartSvg, CHART_COLOURS, type ChartSpec } from "./charts";
export { resolveRange, bucketsOf } from "./range";
export { reportCsv } from "./csv";
