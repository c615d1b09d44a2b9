import { parseCompute, type EpisodeRecord, type SampleRecord } from '@crucible/core';

/** Shorthand of one sample: answer, passed, and optional verify value and token counts. */
export interface SampleSpec {
  answer?: string;
  passed: boolean;
  verify?: number;
  tokens?: number;
  calls?: number;
  wallMs?: number;
}

/** A schema-valid sample record. */
export function sample(spec: SampleSpec, index = 0): SampleRecord {
  const tokens = spec.tokens ?? 10;
  return {
    index,
    exitReason: 'submitted',
    score: { value: spec.passed ? 1 : 0, passed: spec.passed, ...(spec.answer === undefined ? {} : { answer: spec.answer }), details: {} },
    ...(spec.verify === undefined ? {} : { verify: { passed: spec.verify > 0.5, value: spec.verify } }),
    usage: { calls: spec.calls ?? 1, promptTokens: tokens - 2, completionTokens: 2, cachedTokens: 0, reasoningTokens: 0 },
    steps: 1,
    invalidActions: 0,
    revisions: 0,
    wallMs: spec.wallMs ?? 100,
  };
}

/** A schema-valid episode record; `samples` are shorthand, the rest overrides fields. */
export function episode(fields: Partial<Omit<EpisodeRecord, 'samples'>> & { samples?: SampleSpec[] } = {}): EpisodeRecord {
  const { samples: specs = [{ answer: '1', passed: true }], ...rest } = fields;
  const samples = specs.map((s, i) => sample(s, i));
  const passed = rest.score?.passed ?? samples[0]?.score.passed ?? false;
  return {
    format: 2,
    id: `ep-${rest.taskId ?? 't0'}-${rest.point ?? 'p'}-${rest.epoch ?? 0}`,
    runId: 'run-1',
    env: { name: 'math', version: '1.0.0' },
    taskId: 't0',
    model: { name: 'sim', testDouble: true },
    point: 'default',
    compute: parseCompute({ samples: Math.max(1, specs.length), aggregate: 'vote' }),
    epoch: 0,
    seed: 1,
    status: 'ok',
    exitReason: 'submitted',
    score: { value: passed ? 1 : 0, passed, details: {} },
    samples,
    usage: { calls: samples.length, promptTokens: 8 * samples.length, completionTokens: 2 * samples.length, cachedTokens: 0, reasoningTokens: 0 },
    costUsd: 0.001 * samples.length,
    wallMs: 100,
    steps: 1,
    invalidActions: 0,
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:00:01.000Z',
    ...rest,
  };
}

/** Every k-subset of {0..n-1}, for brute-force checks on small pools. */
export function* subsets(n: number, k: number, start = 0, chosen: number[] = []): Generator<number[]> {
  if (chosen.length === k) {
    yield chosen;
    return;
  }
  for (let i = start; i <= n - (k - chosen.length); i++) yield* subsets(n, k, i + 1, [...chosen, i]);
}

/** C(n, k) in big integers. */
export function choose(n: bigint, k: bigint): bigint {
  if (k < 0n || k > n) return 0n;
  let r = 1n;
  for (let i = 0n; i < k; i++) r = (r * (n - i)) / (i + 1n);
  return r;
}

/** a / b as a float, for big integers of any size (ratios below ~1e-300 come out as 0). */
export function ratio(a: bigint, b: bigint): number {
  const bits = (x: bigint) => x.toString(2).length;
  const sa = Math.max(0, bits(a) - 64);
  const sb = Math.max(0, bits(b) - 64);
  return (Number(a >> BigInt(sa)) / Number(b >> BigInt(sb))) * 2 ** (sa - sb);
}
