import { type EpisodeRecord, totalTokens } from '@crucible/core';
import { bestAtKFromGroups, rankValue, tieGroups } from './best-at-k.js';
import { type MajAtKOptions, type MajAtKResult, majAtKFromGroups } from './maj-at-k.js';
import { passAtK } from './pass-at-k.js';
import { type SampleGroup, addVote } from './sample-group.js';

/**
 * The samples of one task at one point, across epochs, kept as little as the k-metrics need:
 * pass counts, one counter per distinct answer, and (value, passed) pairs of samples with a verify value.
 * Samples of episodes with `status: 'error'` are left out: they may be a partial pool. So are samples that ended
 * `model_error` (the endpoint failed them after retries): an infra failure is not a wrong sample. Their cost
 * stays out too, so per-sample figures describe the samples the pool holds.
 */
export class TaskPool {
  difficulty?: number;
  family?: string;
  /** Samples, and how many passed. */
  n = 0;
  passed = 0;
  private readonly answers = new Map<string, SampleGroup>();
  private abstain = 0;
  /** Samples without a verify value rank lowest; only their pass count matters. */
  private unverified = 0;
  private unverifiedPassed = 0;
  /** Flat (verify value, passed 0/1) pairs. */
  private verified: number[] = [];
  /** Per-sample sums for compute curves. */
  tokens = 0;
  promptTokens = 0;
  calls = 0;
  wallMs = 0;
  costUsd = 0;
  costSamples = 0;
  costUnknown = false;
  /** Metric values by k * 3 + metric; cleared when samples arrive. */
  private cache = new Map<number, number | MajAtKResult>();
  private tieGroups: SampleGroup[] | null = null;

  constructor(readonly taskId: string) {}

  get hasVerify(): boolean {
    return this.verified.length > 0;
  }

  add(record: EpisodeRecord): void {
    this.difficulty ??= record.difficulty;
    this.family ??= record.family;
    if (record.status === 'error' || record.samples.length === 0) return;
    this.cache.clear();
    this.tieGroups = null;
    let kept = 0;
    for (const s of record.samples) {
      if (s.exitReason === 'model_error') continue;
      kept++;
      this.n++;
      if (s.score.passed) this.passed++;
      if (!addVote(this.answers, s.score.answer, s.score.passed)) this.abstain++;
      if (s.verify === undefined) {
        this.unverified++;
        if (s.score.passed) this.unverifiedPassed++;
      } else {
        this.verified.push(rankValue(s.verify.value), s.score.passed ? 1 : 0);
      }
      this.tokens += totalTokens(s.usage);
      this.promptTokens += s.usage.promptTokens;
      this.calls += s.usage.calls;
      this.wallMs += s.wallMs;
    }
    if (record.costUsd === null) {
      this.costUnknown = true;
    } else {
      this.costUsd += (record.costUsd * kept) / record.samples.length;
      this.costSamples += kept;
    }
  }

  passAtK(k: number): number {
    return this.cached(k * 3, () => passAtK(this.n, this.passed, k));
  }

  majAtK(k: number, opts: MajAtKOptions = {}): MajAtKResult {
    return this.cached(k * 3 + 1, () => majAtKFromGroups([...this.answers.values()], this.abstain, k, opts));
  }

  bestAtK(k: number): number {
    return this.cached(k * 3 + 2, () => {
      if (!this.tieGroups) {
        const pairs = this.verified.slice();
        for (let i = 0; i < this.unverified; i++) pairs.push(-Infinity, i < this.unverifiedPassed ? 1 : 0);
        this.tieGroups = tieGroups(pairs);
      }
      return bestAtKFromGroups(this.tieGroups, k);
    });
  }

  /** Mean cost of one sample in dollars; null when an episode's cost is unknown. */
  /**
   * Requests needed for k samples. Prefill is paid per request, not per sample: a pool drawn as one `n=N`
   * request has calls/n = 1/N, so k samples still take one request; unbatched or multi-turn samples
   * scale linearly. The same per-sample request rate is kept at every k.
   */
  callsAt(k: number): number {
    if (this.n === 0 || this.calls === 0) return 0;
    return Math.max(1, Math.ceil((k * this.calls) / this.n - 1e-9));
  }

  /** Tokens for k samples: prompt tokens per request times requests, plus completion tokens per sample times k. */
  tokensAt(k: number): number {
    if (this.n === 0) return 0;
    const prompt = this.calls === 0 ? (this.promptTokens / this.n) * k : (this.promptTokens / this.calls) * this.callsAt(k);
    return prompt + ((this.tokens - this.promptTokens) / this.n) * k;
  }

  /** Cost of k samples, pro rata to tokens (the pool's own cost per token); null when unknown. */
  costAt(k: number): number | null {
    if (this.costUnknown) return null;
    if (this.costSamples === 0 || this.tokens === 0) return 0;
    const perToken = this.costUsd / ((this.tokens * this.costSamples) / this.n);
    return perToken * this.tokensAt(k);
  }

  costPerSample(): number | null {
    if (this.costUnknown) return null;
    return this.costSamples === 0 ? 0 : this.costUsd / this.costSamples;
  }

  private cached<T extends number | MajAtKResult>(key: number, compute: () => T): T {
    let v = this.cache.get(key) as T | undefined;
    if (v === undefined) this.cache.set(key, (v = compute()));
    return v;
  }
}
