/** The report's only stylesheet (inline: the file must open offline). */
export const REPORT_CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#111827;max-width:1600px}
table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f9fafb}
.partial{background:#fee2e2;border:2px solid #dc2626;padding:10px 14px;border-radius:6px;font-weight:700;font-size:16px}
.sim{background:#fef3c7;border:1px solid #f59e0b;padding:8px 12px;border-radius:6px;font-weight:600}
.charts{display:flex;flex-wrap:wrap;gap:16px}.chart{margin:0}.chart svg{max-width:100%;height:auto;border:1px solid #e5e7eb;border-radius:6px}
.chart .pt:hover circle{stroke-width:4}.chart .pt{cursor:default}figcaption{max-width:680px}
.browser{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:16px;align-items:start}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0}.filters label{display:flex;gap:4px;align-items:center}
.filters input[type=search]{width:260px}
#episodes{width:100%;font-size:13px}#episodes tbody tr{cursor:pointer}#episodes tbody tr:hover{background:#eff6ff}#episodes tr.selected{background:#dbeafe}
#episodes td.answer{max-width:220px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.browser>div:first-child{overflow-x:auto}
.pager{display:flex;gap:8px;align-items:center}
.pass{color:#15803d;font-weight:600}.fail{color:#b91c1c;font-weight:600}.error{color:#9a3412;font-weight:600}
#viewer{border:1px solid #d1d5db;border-radius:6px;padding:12px;position:sticky;top:8px;max-height:calc(100vh - 32px);overflow:auto}
.msg{margin:6px 0;padding:6px 8px;border-radius:4px;white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:12px;overflow-wrap:anywhere}
.system{background:#f3f4f6}.user{background:#eff6ff}.assistant{background:#f0fdf4}.tool{background:#fefce8}.role{font-weight:700;font-family:system-ui}
.reasoning{color:#4b5563;background:#f9fafb;border-left:3px solid #d1d5db;padding:2px 6px;margin:4px 0}.reasoning summary{cursor:pointer;font-family:system-ui}.note{color:#6b7280}
.diff{font-family:ui-monospace,monospace;font-size:12px;white-space:pre;overflow:auto;background:#f9fafb;border:1px solid #e5e7eb;padding:6px;max-height:480px}
.diff .add{background:#dcfce7;display:block}.diff .del{background:#fee2e2;display:block}.diff .hunk{color:#6d28d9;display:block}
.kv{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}.kv dt{font-weight:600}.kv dd{margin:0;white-space:pre-wrap;font-family:ui-monospace,monospace}
`;
