/** Escapes text for HTML content and attribute values. */
export const esc = (t: string): string => t.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON for a `<script type="application/json">` block: `<` escaped so no text can close the block. */
export const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/** A plain HTML table of already-formatted cells. */
export function tableHtml(header: string[], rows: string[][], attrs = ''): string {
  return `<table${attrs}><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}
