import { pairedEstimates } from '../estimate.js';
import { kValues } from '../k-values.js';
import { majAtK } from '../maj-at-k.js';
import { passAtK } from '../pass-at-k.js';
import { type ScoringOptions, ciOptions, majOptions } from '../scoring-options.js';
import { mcnemarExact } from './mcnemar.js';
import type { SlimEpisode } from './run-side.js';
import type { MetricDelta, SettingComparison } from './types.js';

type Epochs = Map<number, SlimEpisode>;

/** The kept pairs of one task: both sides' episodes, errors on either side removed from both. */
interface TaskPairs {
  taskId: string;
  base: SlimEpisode[];
  new: SlimEpisode[];
}

/**
 * Compares one setting of two runs, pairing episodes by (task, epoch) over `tasks`. A pair with an infra
 * error on either side is dropped from both sides (an error is not a wrong answer, and keeping one side
 * would compare different task sets). Accuracy and the k-metrics are means over tasks; their differences
 * get paired bootstrap intervals (the same resampled tasks for base, new and the difference).
 */
export function compareSetting(
  labels: { base: string; new: string },
  base: Map<string, Epochs>,
  next: Map<string, Epochs>,
  tasks: readonly string[],
  multiEpoch: boolean,
  opts: ScoringOptions,
): SettingComparison {
  const excluded = { baseErrors: 0, newErrors: 0, pairs: 0 };
  const kept: TaskPairs[] = [];
  const passToFail: string[] = [];
  const failToPass: string[] = [];
  for (const taskId of tasks) {
    const a = base.get(taskId);
    const b = next.get(taskId);
    if (!a || !b) continue;
    const pairs: TaskPairs = { taskId, base: [], new: [] };
    for (const [epoch, ea] of a) {
      const eb = b.get(epoch);
      if (!eb) continue;
      if (ea.error) excluded.baseErrors++;
      if (eb.error) excluded.newErrors++;
      if (ea.error || eb.error) {
        excluded.pairs++;
        continue;
      }
      pairs.base.push(ea);
      pairs.new.push(eb);
      const name = multiEpoch ? `${taskId}#${epoch}` : taskId;
      if (ea.passed && !eb.passed) passToFail.push(name);
      else if (!ea.passed && eb.passed) failToPass.push(name);
    }
    if (pairs.base.length > 0) kept.push(pairs);
  }
  const mean = (eps: SlimEpisode[]) => eps.reduce((s, e) => s + e.value, 0) / eps.length;
  const accuracy = delta('accuracy', kept.map((t) => mean(t.base)), kept.map((t) => mean(t.new)), opts);
  const pools = kept.map((t) => ({ base: t.base.flatMap((e) => e.samples), new: t.new.flatMap((e) => e.samples) }));
  const kMax = pools.length === 0 ? 0 : Math.min(...pools.map((p) => Math.min(p.base.length, p.new.length)));
  const maj = majOptions(opts);
  const kMetrics: MetricDelta[] = [];
  for (const k of kValues(kMax)) {
    const pass = (s: SlimEpisode['samples']) => passAtK(s.length, s.filter((x) => x.passed).length, k);
    kMetrics.push(delta(`pass@${k}`, pools.map((p) => pass(p.base)), pools.map((p) => pass(p.new)), opts));
    kMetrics.push(delta(`maj@${k}`, pools.map((p) => majAtK(p.base, k, maj).value), pools.map((p) => majAtK(p.new, k, maj).value), opts));
  }
  return {
    base: labels.base,
    new: labels.new,
    tasks: kept.length,
    pairs: kept.reduce((n, t) => n + t.base.length, 0),
    excluded,
    accuracy,
    mcnemar: mcnemarExact(passToFail.length, failToPass.length),
    flips: { passToFail: passToFail.sort(), failToPass: failToPass.sort() },
    kMax,
    kMetrics,
  };
}

function delta(metric: string, base: number[], next: number[], opts: ScoringOptions): MetricDelta {
  const diffs = base.map((v, i) => next[i]! - v);
  const [a, b, d] = pairedEstimates([base, next, diffs], ciOptions(opts));
  return { metric, base: a!.mean, new: b!.mean, diff: d! };
}
