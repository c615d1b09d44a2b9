export { renderConsoleSummary } from './console-summary.js';
export type { ComputeViews } from './console-summary.js';
export { renderMarkdownSummary } from './markdown-summary.js';
export type { RunMeta } from './markdown-summary.js';
export { writeJunit } from './junit.js';
export { SIM_NOTICE } from './sim-notice.js';
export { table, pct, count, seconds, usd } from './format.js';
export { renderHtmlReport } from './html-report.js';
export type { HtmlReportInput, HtmlEpisode } from './html-report.js';
