import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createAccumulator, paretoFrontier, type CurvePoint, type DifficultyChoice, type RunSummary } from '@crucible/scoring';
import { completenessBanner, completenessOf, htmlReportChunks, renderMarkdownSummary, TEST_DOUBLE_NOTICE, writeJunit, type Completeness, type HtmlEpisode, type NotRunEpisode } from '@crucible/report';
import { reportEpisode, trajectoryBase64 } from './report-episodes.js';
import { RUN_FILES, RunStore } from './run-store.js';

/** What `summary.json` holds. */
export interface RunSummaryFile {
  format: 1;
  /** False when any planned episode was not scored (not run, or ended in an infra error); see `completeness`. */
  complete: boolean;
  completeness: Completeness;
  runId: string;
  env: string;
  model: string;
  /** Set when a test double (the sim model) produced the numbers: the notice every report shows. */
  testDouble?: string;
  summary: RunSummary;
  curves: CurvePoint[];
  pareto: { tokens: CurvePoint[]; cost: CurvePoint[]; calls: CurvePoint[]; wallMs: CurvePoint[] };
  /** Compute-optimal allocation: the best (setting, k) per difficulty, ties to fewer tokens. */
  bestPerDifficulty: DifficultyChoice[];
}

/** What the summary knows of the plan beyond the recorded episodes. */
export interface FinalizeOptions {
  /** Planned episodes; default: those recorded (the run is then complete unless some errored). */
  planned?: number;
  /** Why the run stopped early, if it did. */
  stop?: { reason: 'cancelled' | 'budget' | 'endpoint_down'; detail?: string };
  /** Planned episodes without a record, for `<skipped/>` JUnit test cases. */
  notRun?: NotRunEpisode[];
}

/**
 * Aggregates a run directory's episodes (streamed, never all in memory) into `summary.json`,
 * `summary.md`, `junit.xml` and the self-contained `report.html`, each saying whether the run is complete.
 * Safe to run again: a resumed or merged run is summarised afresh.
 */
export async function finalizeRun(runDir: string, opts: FinalizeOptions = {}): Promise<{ summary: RunSummary; file: RunSummaryFile }> {
  const store = new RunStore(runDir);
  const run = (await store.readRunJson()) ?? {
    runId: 'unknown',
    env: { name: 'unknown' },
    model: { name: 'unknown' },
  };
  const acc = createAccumulator();
  const latest = await store.latestIndex();
  for await (const record of store.latestEpisodes(latest)) acc.add(record);
  const summary = acc.result();
  const curves = acc.curve();
  const errors = summary.points.reduce((n, p) => n + p.errors, 0);
  const completeness = completenessOf({ planned: opts.planned ?? summary.episodes, done: summary.episodes - errors, errors }, opts.stop);
  const file: RunSummaryFile = {
    format: 1,
    complete: completeness.complete,
    completeness,
    runId: run.runId,
    env: run.env.name,
    model: run.model.name,
    testDouble: summary.testDouble ? TEST_DOUBLE_NOTICE : undefined,
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
  await store.writeText(RUN_FILES.summaryMd, renderMarkdownSummary(summary, { runId: run.runId, env: run.env.name, model: run.model.name }, { curves, frontier: file.pareto.tokens, completeness }));
  const failures = summary.points.reduce((n, p) => n + (p.scored - p.passed), 0);
  // every episode: the report embeds a compact row each and decodes details and trajectories only on demand;
  // trajectories are read one at a time as the file is streamed out
  const episodes: HtmlEpisode[] = [];
  const trajectories: Array<string | undefined> = [];
  for await (const record of store.latestEpisodes(latest)) {
    episodes.push(reportEpisode(record));
    trajectories.push(record.trajectory);
  }
  await writeStreamAtomically(
    join(runDir, RUN_FILES.report),
    htmlReportChunks({
      meta: { runId: run.runId, env: run.env.name, model: run.model.name },
      summary,
      curves,
      frontier: file.pareto.tokens,
      bestPerDifficulty: file.bestPerDifficulty,
      episodes,
      totalEpisodes: summary.episodes,
      completeness,
    }, (_, i) => trajectoryBase64(runDir, trajectories[i])),
  );
  await writeJunit(join(runDir, RUN_FILES.junit), store.latestEpisodes(latest), { tests: summary.episodes, failures, errors, testDouble: summary.testDouble, name: `crucible.${run.env.name}`, partial: completeness.complete ? undefined : completenessBanner(completeness) }, opts.notRun ?? []);
  return { summary, file };
}

/** Streams chunks to a temp file and renames it into place, as `RunStore.writeText` does for whole strings. */
async function writeStreamAtomically(path: string, chunks: AsyncIterable<string>): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await pipeline(Readable.from(chunks), createWriteStream(tmp));
  await rename(tmp, path);
}
