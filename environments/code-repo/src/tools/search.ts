import { stat } from 'node:fs/promises';
import type { RunResult } from '../sandbox/run-command.js';
import { shellQuote } from '../scoring/test-command.js';
import { resolveInside } from '../workspace/safe-path.js';

/** A search stops after this many matches. */
export const SEARCH_MAX_MATCHES = 100;
const MAX_LINE_CHARS = 200;
/** Enough for the matches (ripgrep previews at most 2,000 columns of a line) and an error message. */
const SEARCH_OUTPUT_BYTES = 512 * 1024;
const MARKER = '@@crucible-search';

/** How the search runs: a sandboxed command in the workspace, with its own wall-clock limit. */
export interface SearchRunner {
  timeoutSec: number;
  /** `grep` forces the fallback engine (tests; machines without ripgrep get it anyway). */
  engine?: 'auto' | 'grep';
  /** Runs a shell command in the workspace's sandbox (cwd: the workspace). */
  run(command: string, maxOutputBytes: number): Promise<RunResult>;
}

/**
 * The shell script that searches: ripgrep (linear-time engine, PCRE2 only for look-around and
 * back-references, which has a match limit), or `grep -P` (`-E` without PCRE) where there is no ripgrep. Both skip .git,
 * node_modules, __pycache__ and binary files, follow no symbolic links, and stop after the first
 * SEARCH_MAX_MATCHES + 1 lines; then a marker line with the exit status and engine (errors go to stderr).
 */
export function searchScript(pattern: string, target: string | undefined, engine: 'auto' | 'grep' = 'auto'): string {
  const p = shellQuote(pattern);
  const t = target ? `-- ${shellQuote(target)}` : '';
  const rg = `rg --no-config --null --line-number --no-heading --color never --with-filename --sort path --no-ignore --hidden --max-filesize 1M --max-columns 2000 --max-columns-preview -g '!.git' -g '!node_modules' -g '!__pycache__' --engine auto -e ${p} ${t}`;
  const grep = `grep -rnIH $g --null --exclude-dir=.git --exclude-dir=node_modules --exclude-dir=__pycache__ -e ${p} ${target ? t : '-- .'}`;
  return [
    engine === 'grep' ? 'e=grep' : `if command -v rg >/dev/null 2>&1; then e=rg; else e=grep; fi`,
    // grep -P (PCRE: \d, look-around, lazy quantifiers like JavaScript) where grep has it, else -E.
    `if echo | grep -P '' >/dev/null 2>&1; then g=-P; else g=-E; fi`,
    // No temp files (without the sandbox /tmp is the host's): the exit status comes back on fd 4, errors go to stderr.
    'exec 3>&1',
    `rc=$( { { if [ $e = rg ]; then ${rg}; else ${grep}; fi; echo $? >&4; } | head -n ${SEARCH_MAX_MATCHES + 1} >&3; } 4>&1 )`,
    `echo; echo "${MARKER} rc=$rc engine=$e"`,
  ].join('\n');
}

interface Hit {
  file: string;
  line: number;
  text: string;
}

function parseHits(lines: string[]): Hit[] {
  const hits: Hit[] = [];
  for (const raw of lines) {
    const nul = raw.indexOf('\0');
    if (nul < 0) continue;
    const rest = raw.slice(nul + 1);
    const colon = rest.indexOf(':');
    const line = Number(rest.slice(0, colon));
    if (colon < 0 || !Number.isInteger(line)) continue;
    hits.push({ file: raw.slice(0, nul).replace(/^\.\//, ''), line, text: rest.slice(colon + 1) });
  }
  return hits;
}

/**
 * The `search` tool: a regular expression over the workspace's text files, `path:line: text`, capped with a
 * note. It runs as a sandboxed subprocess with a timeout, so an expensive pattern costs the agent its search,
 * never the harness's event loop. The pattern must also be a valid JavaScript regular expression (the tool's contract).
 */
export async function searchTool(realRoot: string, input: { pattern: string; path?: string }, runner: SearchRunner): Promise<string> {
  try {
    // Compiling does not run the pattern: checks the syntax the tool promises, without backtracking.
    new RegExp(input.pattern);
  } catch (err) {
    return `Error: invalid regular expression: ${(err as Error).message}`;
  }
  const target = await resolveInside(realRoot, input.path ?? '.');
  if (!target.ok) return target.error;
  if (!(await stat(target.abs).catch(() => undefined))) return `Error: ${target.rel} does not exist.`;
  const run = await runner.run(searchScript(input.pattern, target.rel === '.' ? undefined : target.rel, runner.engine), SEARCH_OUTPUT_BYTES);
  if (run.timedOut) {
    return `Error: the search for /${input.pattern}/ timed out after ${runner.timeoutSec} s and was stopped (the pattern may backtrack badly, or the path is large). Narrow the pattern or the path.`;
  }
  if (run.aborted) return 'Error: the search was cancelled (the episode was stopped).';
  const lines = run.stdout.split('\n');
  const markerAt = lines.findIndex((l) => l.startsWith(MARKER));
  const status = markerAt >= 0 ? lines[markerAt]!.match(/rc=(\d*) engine=(\w+)/) : null;
  const engine = status?.[2] ?? 'rg';
  let hits = parseHits(markerAt >= 0 ? lines.slice(0, markerAt) : lines);
  if (engine === 'grep') hits = hits.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  // stderr: the lines of the interleaved output that are neither matches (they hold a NUL) nor the marker.
  const errors = run.output.split('\n').filter((l) => l.trim() && !l.includes('\0') && !l.startsWith(MARKER)).join('\n').slice(0, 2000);
  const more = hits.length > SEARCH_MAX_MATCHES;
  const shown = hits.slice(0, SEARCH_MAX_MATCHES).map((h) => {
    const text = h.text.length > MAX_LINE_CHARS ? `${h.text.slice(0, MAX_LINE_CHARS)}...` : h.text;
    return `${h.file}:${h.line}: ${text.trim()}`;
  });
  const failed = status?.[1] === '2' || markerAt < 0;
  if (shown.length === 0) {
    if (failed) return `Error: the search failed: ${errors || run.limitMessage || `exit code ${run.exitCode ?? run.signal}`}`;
    return `No matches for /${input.pattern}/ in ${target.rel}.`;
  }
  const notes: string[] = [];
  if (more) notes.push(`[showing the first ${SEARCH_MAX_MATCHES} matches; there are more. Narrow the pattern or the path.]`);
  if (failed && errors) notes.push(`[some files could not be searched: ${errors.split('\n')[0]}]`);
  return [shown.join('\n'), ...notes].join('\n');
}
