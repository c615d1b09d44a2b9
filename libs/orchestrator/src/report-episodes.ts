import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { totalTokens, type EpisodeRecord } from '@crucible/core';
import type { HtmlEpisode } from '@crucible/report';

const gunzipAsync = promisify(gunzip);

/** How many episodes the HTML viewer embeds, and how much of each message: the report stays small at any run size. */
export const REPORT_LIMITS = { episodes: 500, messageChars: 4000 } as const;

interface StoredMessage {
  role: string;
  content?: unknown;
  reasoning?: unknown;
  tool_calls?: Array<{ function?: { name?: string; arguments?: string } }>;
}

function clip(text: string): string {
  return text.length > REPORT_LIMITS.messageChars ? `${text.slice(0, REPORT_LIMITS.messageChars)}\n… (${text.length - REPORT_LIMITS.messageChars} more characters)` : text;
}

/** One episode row for `report.html`, with its trajectory when it can be read. */
export async function reportEpisode(runDir: string, r: EpisodeRecord): Promise<HtmlEpisode> {
  const row: HtmlEpisode = {
    id: r.id,
    taskId: r.taskId,
    point: r.point,
    status: r.status,
    exitReason: r.exitReason,
    passed: r.score.passed,
    answer: r.score.answer,
    tokens: totalTokens(r.usage),
    calls: r.usage.calls,
    wallMs: r.wallMs,
    samples: r.samples.length,
    error: r.error?.message,
  };
  if (!r.trajectory) return row;
  try {
    const data = JSON.parse((await gunzipAsync(await readFile(join(runDir, r.trajectory)))).toString()) as { samples: Array<{ index: number; messages: StoredMessage[] }> };
    row.messages = data.samples.flatMap((s) =>
      s.messages.map((m) => {
        const calls = m.tool_calls ?? [];
        const content = [typeof m.content === 'string' ? m.content : m.content == null ? '' : JSON.stringify(m.content), ...calls.map((c) => `${c.function?.name ?? '?'}(${c.function?.arguments ?? ''})`)].filter(Boolean).join('\n');
        const row = { sample: s.index, role: m.role, content: clip(content), tools: calls.map((c) => c.function?.name ?? '?') };
        return typeof m.reasoning === 'string' && m.reasoning ? { ...row, reasoning: clip(m.reasoning) } : row;
      }),
    );
  } catch {
    // a missing or unreadable trajectory leaves the row without messages; the viewer says so
  }
  return row;
}
