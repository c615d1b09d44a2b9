import { addUsage, emptyUsage, type ExitReason, type SampleRecord, type Score, type TrajectorySample, type Usage } from '@crucible/core';
import { setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import { shouldStopVoting } from './adaptive.js';
import type { ChatMessage, EpisodeInput } from './agent-context.js';
import { aggregate } from './aggregate.js';
import { canBatch, drawBatched } from './batch.js';
import { EpisodeBudget } from './budget.js';
import { openSession, openingMessages } from './open-session.js';
import { runSample, type SampleOutcome } from './sample-loop.js';

/** The outcome of one episode: N samples and their aggregate. */
export interface EpisodeResult {
  samples: SampleRecord[];
  score: Score;
  exitReason: ExitReason;
  /** The policy's usage, summed over the samples. */
  usage: Usage;
  /** The judge's usage, when a judge ranked the samples. */
  judgeUsage?: Usage;
  steps: number;
  invalidActions: number;
  wallMs: number;
  /** Index of the sample whose answer the aggregate chose. */
  chosen: number;
  /** Set when adaptive voting stopped before drawing all N samples. */
  stoppedEarly?: { after: number; reason: 'decided' | 'confident' };
  /** One trajectory per sample, for the trajectory file. */
  trajectories: TrajectorySample[];
}

/**
 * Runs one episode under its compute settings: draws N samples (batched with `n` for single-turn tasks,
 * in parallel otherwise; in rounds when voting is adaptive), then aggregates them.
 * Throws only when the environment cannot open the task at all (bad task data, a broken repository):
 * the orchestrator records that as an `error` episode.
 */
export async function runEpisode(input: EpisodeInput): Promise<EpisodeResult> {
  const started = Date.now();
  const compute = input.compute.strategy;
  // Every in-flight model call listens on the episode's signal; many samples in parallel are expected.
  setMaxListeners(0, input.signal);
  // One budget for the whole episode: its token and time limits hold across all samples and rounds.
  const budget = new EpisodeBudget(input.compute);
  const outcomes: SampleOutcome[] = [];
  const adaptive = compute.adaptive !== false && compute.aggregate === 'vote' ? compute.adaptive : undefined;
  let stoppedEarly: EpisodeResult['stoppedEarly'];

  while (outcomes.length < compute.samples) {
    const remaining = compute.samples - outcomes.length;
    const round = adaptive ? (outcomes.length === 0 ? Math.min(adaptive.minSamples, remaining) : 1) : remaining;
    outcomes.push(...(await drawSamples(input, budget, outcomes.length, round)));
    if (input.signal.aborted) break;
    if (adaptive && outcomes.length < compute.samples) {
      const decision = shouldStopVoting(
        outcomes.map((o) => o.record),
        compute.samples - outcomes.length,
        adaptive,
      );
      if (decision.stop) {
        stoppedEarly = { after: outcomes.length, reason: decision.reason! };
        break;
      }
    }
  }

  const samples = outcomes.map((o) => o.record);
  const { score, chosen } = aggregate(samples, compute.aggregate);
  const judged = samples.flatMap((s) => (s.judgeUsage ? [s.judgeUsage] : []));
  return {
    samples,
    score: stoppedEarly ? { ...score, details: { ...score.details, stoppedEarly } } : score,
    exitReason: samples[chosen]!.exitReason,
    usage: addUsage(emptyUsage(), ...samples.map((s) => s.usage)),
    ...(judged.length > 0 ? { judgeUsage: addUsage(...judged) } : {}),
    steps: samples.reduce((n, s) => n + s.steps, 0),
    invalidActions: samples.reduce((n, s) => n + s.invalidActions, 0),
    wallMs: Date.now() - started,
    chosen,
    stoppedEarly,
    trajectories: outcomes.map((o) => o.trajectory),
  };
}

async function drawSamples(input: EpisodeInput, budget: EpisodeBudget, start: number, count: number): Promise<SampleOutcome[]> {
  if (canBatch(input, count)) {
    const messages = await firstMessages(input, start);
    const drawn = await drawBatched(input, messages, start, count, budget);
    if (drawn) return Promise.all(drawn.map((d, i) => ('error' in d ? failedSample(start + i, d.error, messages) : runSample(input, start + i, { budget, prefetched: d }))));
  }
  const limit = pLimit(Math.max(1, input.sampleConcurrency ?? 4));
  // If one sample cannot even open, the episode fails: stop its siblings instead of leaving them calling the model.
  const siblings = new AbortController();
  setMaxListeners(0, siblings.signal);
  const child = { ...input, signal: AbortSignal.any([input.signal, siblings.signal]) };
  try {
    return await Promise.all(Array.from({ length: count }, (_, i) => limit(() => runSample(child, start + i, { budget }))));
  } catch (err) {
    siblings.abort();
    limit.clearQueue();
    throw err;
  }
}

/** The system and first user message of a task, read from a probe session (single-turn sessions are cheap). */
async function firstMessages(input: EpisodeInput, index: number): Promise<ChatMessage[]> {
  const session = await openSession(input, index);
  try {
    return openingMessages(input, session);
  } finally {
    await session.close().catch(() => undefined);
  }
}

function failedSample(index: number, error: { code: string; message: string }, messages: ChatMessage[]): SampleOutcome {
  const exitReason = error.code === 'cancelled' ? 'cancelled' : error.code === 'time_limit' ? 'time_limit' : 'model_error';
  return {
    trajectory: { index, opening: messages as TrajectorySample['opening'], transitions: [] },
    record: {
      index,
      exitReason,
      score: { value: 0, passed: false, details: { reason: 'model call failed' } },
      usage: emptyUsage(),
      steps: 0,
      invalidActions: 0,
      revisions: 0,
      wallMs: 0,
      error,
    },
  };
}
