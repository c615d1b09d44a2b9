import { INDEX_COLUMNS } from './episode.js';

/** Rows per page of the episode table: the DOM stays small at any run size. */
export const PAGE_ROWS = 50;

/**
 * The episode browser's client code (plain browser JavaScript, no dependencies). It reads the compact index,
 * filters and pages it, and decodes an episode's detail and trajectory only when that episode is opened
 * (`#episode=ID`). Text search covers answers from the index at once and, when asked, the messages, by
 * decoding trajectories one by one without keeping them.
 */
export const BROWSER_SCRIPT = `(() => {
'use strict';
const COLS = ${JSON.stringify(INDEX_COLUMNS)};
const C = Object.fromEntries(COLS.map((c, i) => [c, i]));
const PAGE = ${PAGE_ROWS};
const MESSAGE_CHARS = 20000;
const rows = JSON.parse(document.getElementById('episode-index').textContent);
const byId = new Map(rows.map((r, i) => [r[C.id], i]));
const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
const RESULT_CLASS = { passed: 'pass', failed: 'fail', error: 'error' };
const fill = (select, values) => values.forEach((v) => { const o = el('option', '', String(v)); o.value = String(v); select.appendChild(o); });
const distinct = (col) => [...new Set(rows.map((r) => r[col]).filter((v) => v !== null))];
fill($('f-exit'), distinct(C.exitReason).sort());
fill($('f-setting'), distinct(C.point));
fill($('f-difficulty'), distinct(C.difficulty).sort((a, b) => a - b));
let filtered = [];
let page = 0;
let current = -1;
let messageHits = { query: '', hits: new Set() };
let scanToken = 0;

function ready() { return document.readyState === 'loading' ? new Promise((r) => document.addEventListener('DOMContentLoaded', r, { once: true })) : Promise.resolve(); }
async function block(prefix, i) {
  let node = document.getElementById(prefix + i);
  if (!node) { await ready(); node = document.getElementById(prefix + i); }
  return node;
}
async function detail(i) { const n = await block('d-', i); return n ? JSON.parse(n.textContent) : {}; }
async function trajectoryText(i) {
  const n = await block('t-', i);
  if (!n) return null;
  let bytes;
  if (Uint8Array.fromBase64) bytes = Uint8Array.fromBase64(n.textContent);
  else {
    const bin = atob(n.textContent);
    bytes = new Uint8Array(bin.length);
    for (let j = 0; j < bin.length; j++) bytes[j] = bin.charCodeAt(j);
  }
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
}
async function trajectory(i) { const text = await trajectoryText(i); return text === null ? null : JSON.parse(text); }
function messagesOf(t) {
  return (t.samples || []).flatMap((s) => (s.messages || []).map((m) => {
    const calls = m.tool_calls || [];
    const content = [typeof m.content === 'string' ? m.content : m.content == null ? '' : JSON.stringify(m.content), ...calls.map((c) => ((c.function && c.function.name) || '?') + '(' + ((c.function && c.function.arguments) || '') + ')')].filter(Boolean).join('\\n');
    return { sample: s.index, role: m.role, content, tools: calls.map((c) => (c.function && c.function.name) || '?'), reasoning: typeof m.reasoning === 'string' ? m.reasoning : '' };
  }));
}

function query() { return $('f-search').value.trim().toLowerCase(); }
function passesFilters(r) {
  const res = $('f-result').value, x = $('f-exit').value, s = $('f-setting').value, d = $('f-difficulty').value;
  return (!res || r[C.result] === res) && (!x || r[C.exitReason] === x) && (!s || r[C.point] === s) && (!d || String(r[C.difficulty]) === d);
}
function textMatch(r, i, q) {
  return !q || r[C.search].includes(q) || r[C.taskId].toLowerCase().includes(q) || r[C.id].toLowerCase().includes(q) || (messageHits.query === q && messageHits.hits.has(i));
}
function compute() {
  const q = query();
  filtered = [];
  rows.forEach((r, i) => { if (passesFilters(r) && textMatch(r, i, q)) filtered.push(i); });
}
function render() {
  const body = $('episodes').tBodies[0];
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE));
  page = Math.min(page, pages - 1);
  const start = page * PAGE;
  const trs = filtered.slice(start, start + PAGE).map((i) => {
    const r = rows[i];
    const tr = el('tr');
    tr.dataset.index = String(i);
    tr.dataset.id = r[C.id];
    if (i === current) tr.className = 'selected';
    const cells = [r[C.taskId], r[C.point], r[C.result], r[C.exitReason], r[C.difficulty] ?? '', r[C.answer], r[C.tokens], r[C.calls], r[C.samples]];
    cells.forEach((v, j) => { const td = el('td', j === 2 ? RESULT_CLASS[r[C.result]] : j === 5 ? 'answer' : '', String(v)); if (j === 5) td.title = String(v); tr.appendChild(td); });
    tr.addEventListener('click', () => { location.hash = 'episode=' + encodeURIComponent(r[C.id]); });
    return tr;
  });
  body.replaceChildren(...trs);
  $('count').textContent = filtered.length ? (start + 1) + '–' + (start + trs.length) + ' of ' + filtered.length + (filtered.length < rows.length ? ' (filtered from ' + rows.length + ')' : '') : 'no episode matches (of ' + rows.length + ')';
  $('page-prev').disabled = page === 0;
  $('page-next').disabled = page >= pages - 1;
}
async function scanMessages(q) {
  const token = ++scanToken;
  messageHits = { query: q, hits: new Set() };
  const todo = [];
  rows.forEach((r, i) => { if (passesFilters(r) && !textMatch(r, i, q)) todo.push(i); });
  // the raw JSON text rules most trajectories out without parsing them; a hit is confirmed on the parsed messages
  // (a query with a quote or backslash, which JSON escapes, is always checked on them)
  const escapes = /["\\\\]/.test(q);
  const matches = async (i) => {
    const text = await trajectoryText(i).catch(() => null);
    if (text === null || (!escapes && !text.toLowerCase().includes(q))) return false;
    return messagesOf(JSON.parse(text)).some((m) => m.content.toLowerCase().includes(q) || m.reasoning.toLowerCase().includes(q));
  };
  // one at a time: DecompressionStream costs about 2 ms a call and parallel calls only contend (measured in Chromium 150)
  let done = 0;
  for (const i of todo) {
    if (token !== scanToken) return;
    if (await matches(i)) messageHits.hits.add(i);
    if (++done % 200 === 0) { $('search-status').textContent = 'searching messages: ' + done + ' of ' + todo.length + ' trajectories'; compute(); render(); }
  }
  if (token !== scanToken) return;
  $('search-status').textContent = 'messages searched: ' + messageHits.hits.size + ' more episode(s) match in their messages';
  compute();
  render();
}
let debounce = 0;
function update() {
  page = 0;
  compute();
  render();
  scanToken++;
  $('search-status').textContent = '';
  const q = query();
  if (q && $('f-messages').checked) { clearTimeout(debounce); debounce = setTimeout(() => scanMessages(q), 250); }
}
['f-result', 'f-exit', 'f-setting', 'f-difficulty', 'f-messages'].forEach((id) => $(id).addEventListener('change', update));
$('f-search').addEventListener('input', update);
$('page-prev').addEventListener('click', () => { page--; render(); });
$('page-next').addEventListener('click', () => { page++; render(); });

function kv(dl, k, v, cls) { dl.appendChild(el('dt', '', k)); dl.appendChild(el('dd', cls || '', v)); }
function diffView(patch) {
  const pre = el('pre', 'diff');
  for (const line of patch.split('\\n')) pre.appendChild(el('span', line.startsWith('+') && !line.startsWith('+++') ? 'add' : line.startsWith('-') && !line.startsWith('---') ? 'del' : line.startsWith('@@') ? 'hunk' : '', line + '\\n'));
  return pre;
}
async function open(i) {
  current = i;
  render();
  const r = rows[i];
  const viewer = $('viewer');
  viewer.dataset.episode = r[C.id];
  viewer.replaceChildren(el('h3', '', r[C.taskId] + ' (' + r[C.point] + ')'));
  const d = await detail(i);
  if (current !== i) return;
  const dl = el('dl', 'kv');
  kv(dl, 'episode', r[C.id]);
  kv(dl, 'result', r[C.result], RESULT_CLASS[r[C.result]]);
  kv(dl, 'exit reason', r[C.exitReason]);
  if (r[C.difficulty] !== null) kv(dl, 'difficulty', String(r[C.difficulty]));
  kv(dl, 'compute', r[C.tokens] + ' tokens, ' + r[C.calls] + ' calls, ' + (d.wallMs / 1000).toFixed(2) + ' s');
  if (d.reference !== undefined) kv(dl, 'reference answer', d.reference);
  kv(dl, 'answer (vote)', (d.answer ?? '(none)') + (r[C.result] === 'error' ? '' : r[C.result] === 'passed' ? '  ✓ correct' : '  ✗ wrong') + (d.vote ? '  · ' + d.vote : ''), r[C.result] === 'passed' ? 'pass' : 'fail');
  if (d.error) kv(dl, 'error', d.error, 'error');
  if (d.verdict) kv(dl, 'verdict', d.verdict);
  viewer.appendChild(dl);
  if (d.samples && d.samples.length) {
    const t = el('table', 'samples');
    t.appendChild(el('thead')).appendChild(el('tr')).append(...['sample', 'answer', 'correct', 'exit', 'tokens'].map((h) => el('th', '', h)));
    const tb = t.appendChild(el('tbody'));
    for (const s of d.samples) {
      const tr = tb.appendChild(el('tr'));
      tr.append(el('td', '', String(s.index)), el('td', '', s.answer ?? '(none)'), el('td', s.passed ? 'pass' : 'fail', s.passed ? '✓' : '✗'), el('td', '', s.exitReason), el('td', '', String(s.tokens)));
    }
    viewer.append(el('h4', '', 'Samples'), t);
  }
  if (d.tests && Object.keys(d.tests).length) {
    const t = el('table', 'tests');
    t.appendChild(el('thead')).appendChild(el('tr')).append(el('th', '', 'test'), el('th', '', 'result'));
    const tb = t.appendChild(el('tbody'));
    for (const [id, v] of Object.entries(d.tests)) tb.appendChild(el('tr')).append(el('td', '', id), el('td', v === 'passed' ? 'pass' : 'fail', v));
    viewer.append(el('h4', '', 'Tests'), t);
  }
  if (d.patch) viewer.append(el('h4', '', 'Model patch'), diffView(d.patch));
  viewer.appendChild(el('h4', '', 'Trajectory'));
  if (!d.hasTrajectory) { viewer.appendChild(el('p', 'note', 'No trajectory stored for this episode.')); return; }
  const wait = viewer.appendChild(el('p', 'note', 'decoding…'));
  const t = await trajectory(i).catch((e) => { wait.textContent = 'cannot decode the trajectory: ' + e; return null; });
  if (!t || current !== i) return;
  wait.remove();
  if (t.error) { viewer.appendChild(el('p', 'fail', 'cannot show the trajectory: ' + t.error)); return; }
  for (const m of messagesOf(t)) {
    const div = el('div', 'msg ' + m.role);
    div.appendChild(el('div', 'role', 'sample ' + m.sample + ' · ' + m.role + (m.tools.length ? ' → ' + m.tools.join(', ') : '')));
    if (m.reasoning) {
      const det = el('details', 'reasoning');
      det.appendChild(el('summary', '', 'reasoning (' + m.reasoning.length + ' characters, not graded)'));
      det.appendChild(document.createTextNode(m.reasoning.length > MESSAGE_CHARS ? m.reasoning.slice(0, MESSAGE_CHARS) + '\\n… (' + (m.reasoning.length - MESSAGE_CHARS) + ' more characters)' : m.reasoning));
      div.appendChild(det);
    }
    div.appendChild(document.createTextNode(m.content.length > MESSAGE_CHARS ? m.content.slice(0, MESSAGE_CHARS) + '\\n… (' + (m.content.length - MESSAGE_CHARS) + ' more characters)' : m.content));
    viewer.appendChild(div);
  }
}
function fromHash() {
  const m = /^#episode=(.+)$/.exec(location.hash);
  if (!m) return;
  const i = byId.get(decodeURIComponent(m[1]));
  if (i === undefined) { $('viewer').replaceChildren(el('p', 'fail', 'No episode ' + decodeURIComponent(m[1]) + ' in this run.')); return; }
  // a link opens on the page that lists the episode, so its row shows selected
  const pos = filtered.indexOf(i);
  if (pos >= 0) page = Math.floor(pos / PAGE);
  if (i !== current) open(i);
  else render();
}
window.addEventListener('hashchange', fromHash);
compute();
render();
fromHash();
})();`;
