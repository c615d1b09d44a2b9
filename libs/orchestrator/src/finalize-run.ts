import { join } from 'node:path';
import { createAccumulator, paretoFrontier, type CurvePoint, type DifficultyChoice, type RunSummary } from '@crucible/scoring';
import { renderHtmlReport, renderMarkdownSummary, SIM_NOTICE, writeJunit, type HtmlEpisode } from '@crucible/report';
import { REPORT_LIMITS, reportEpisode } from './report-episodes.js';
import { RUN_FILES, RunStore } from './run-store.js';

/** What `summary.json` holds. */
export interface RunSummaryFile {
  format: 1;
  runId: string;
  env: string;
  model: string;
  sim?: string;
  summary: RunSummary;
  curves: CurvePoint[];
  pareto: { tokens: CurvePoint[]; cost: CurvePoint[]; calls: CurvePoint[]; wallMs: CurvePoint[] };
  /** Compute-optimal allocation: the best (setting, k) per difficulty, ties to fewer tokens. */
  bestPerDifficulty: DifficultyChoice[];
}

/**
 * Aggregates a run directory's episodes (streamed, never all in memory) into `summary.json`,
 * `summary.md`, `junit.xml` and the self-contained `report.html`. Safe to run again: a resumed or merged run is summarised afresh.
 */
export async function finalizeRun(runDir: string): Promise<{ summary: RunSummary; file: RunSummaryFile }> {
  const store = new RunStore(runDir);
  const run = (await store.readRunJson<{ runId: string; env: { name: string }; model: { name: string }; poolOf?: number[] }>()) ?? {
    runId: 'unknown',
    env: { name: 'unknown' },
    model: { name: 'unknown' },
  };
  const acc = createAccumulator();
  const latest = await store.latestIndex();
  for await (const record of store.latestEpisodes(latest)) acc.add(record);
  const summary = acc.result();
  const curves = acc.curve();
  const file: RunSummaryFile = {
    format: 1,
    runId: run.runId,
    env: run.env.name,
    model: run.model.name,
    sim: summary.sim ? SIM_NOTICE : undefined,
    summary,
    curves,
    pareto: {
      tokens: paretoFrontier(curves, 'tokens'),
      cost: paretoFrontier(curves, 'cost'),
      calls: paretoFrontier(curves, 'calls'),
      wallMs: paretoFrontier(curves, 'wallMs'),
    },
    bestPerDifficulty: acc.bestPerDifficulty('tokens'),
  };
  await store.writeJson(RUN_FILES.summary, file);
  await store.writeText(RUN_FILES.summaryMd, renderMarkdownSummary(summary, { runId: run.runId, env: run.env.name, model: run.model.name }, { curves, frontier: file.pareto.tokens }));
  const failures = summary.points.reduce((n, p) => n + (p.episodes - p.passed - p.errors), 0);
  const errors = summary.points.reduce((n, p) => n + p.errors, 0);
  const episodes: HtmlEpisode[] = [];
  for await (const record of store.latestEpisodes(latest)) {
    if (episodes.length >= REPORT_LIMITS.episodes) break;
    episodes.push(await reportEpisode(runDir, record));
  }
  await store.writeText(
    RUN_FILES.report,
    renderHtmlReport({
      meta: { runId: run.runId, env: run.env.name, model: run.model.name },
      summary,
      curves,
      frontier: file.pareto.tokens,
      bestPerDifficulty: file.bestPerDifficulty,
      episodes,
      totalEpisodes: summary.episodes,
    }),
  );
  await writeJunit(join(runDir, RUN_FILES.junit), store.latestEpisodes(latest), { tests: summary.episodes, failures, errors, sim: summary.sim, name: `crucible.${run.env.name}` });
  return { summary, file };
}
