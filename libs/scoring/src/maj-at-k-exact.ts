import { logChoose } from './log-choose.js';
import type { SampleGroup } from './sample-group.js';

/** What the DP for one (winner, j) runs over. */
interface Plan {
  /** Other groups that can reach j (count >= j). */
  large: number[];
  /** Samples that cannot reach j: abstentions plus the smaller groups. */
  free: number;
  /** Draws left for the others: k - j. */
  span: number;
  /** Values of s (draws of the large groups) the free pool can plausibly complete to `span`. */
  winLo: number;
  winHi: number;
  /** Most the large groups after position i can still add. */
  after: number[];
  rows: number;
  j: number;
}

/**
 * Exact maj@k by dynamic programming. A random k-subset of N samples gives each answer group a count
 * (multivariate hypergeometric). It equals independent Binomial(a_i, p) counts conditioned on their sum
 * being k, for any p; with p = k/N every intermediate is a probability, so nothing overflows at N in the thousands.
 *
 * By linearity, maj@k = sum over groups g of q_g * P(g wins), q_g its pass fraction. g wins with count j when
 * every other group draws at most j, and then with probability 1/(1+t) where t others also drew j (uniform
 * tie-break). Groups smaller than j cannot reach it: with the abstentions they form one free pool whose
 * draw is Binomial(F, p) (Vandermonde). The DP runs over the other groups with state (leaders t, drawn s).
 *
 * Counts whose hypergeometric probability is below 1e-17 / (N (k+1)) are skipped, which bounds the mass
 * left out by about 1e-17 per group. Binomial weights come from log-factorials, which limits the result to about
 * 1e-11 relative accuracy at N in the thousands (better for small N).
 */
export class MajExact {
  private readonly total: number;
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];
  private readonly pmf: Float64Array[] = [];
  private readonly logP: number;
  private readonly logQ: number;
  private readonly cut: number;
  private readonly windows = new Map<number, [number, number]>();
  private readonly scratch: [Float64Array, Float64Array] = [new Float64Array(0), new Float64Array(0)];
  /** One representative per group size among groups with passes, with the summed pass fraction of that size. */
  private readonly winners: Array<{ index: number; weight: number }>;

  constructor(
    private readonly groups: readonly SampleGroup[],
    private readonly abstain: number,
    private readonly k: number,
  ) {
    this.total = groups.reduce((s, g) => s + g.count, abstain);
    this.logP = Math.log(k / this.total);
    this.logQ = Math.log1p(-k / this.total);
    this.cut = Math.log(1e-17) - Math.log(this.total) - Math.log(k + 1);
    const bySize = new Map<number, { index: number; weight: number }>();
    groups.forEach((g, i) => {
      const [lo, hi] = this.plausible(g.count);
      this.lo.push(lo);
      this.hi.push(hi);
      const pmf = new Float64Array(hi - lo + 1);
      for (let x = lo; x <= hi; x++) pmf[x - lo] = this.binomial(g.count, x);
      this.pmf.push(pmf);
      if (g.passed > 0) {
        const w = bySize.get(g.count);
        if (w) w.weight += g.passed / g.count;
        else bySize.set(g.count, { index: i, weight: g.passed / g.count });
      }
    });
    this.winners = [...bySize.values()];
  }

  /** Inner-loop steps {@link value} will take (an upper bound); stops counting past `limit`. */
  cost(limit = Infinity): number {
    let cost = 0;
    for (const { index } of this.winners) {
      for (let j = Math.max(1, this.lo[index]); j <= this.hi[index]; j++) {
        const plan = this.plan(index, j);
        if (!plan) continue;
        let bLo = 0;
        let bHi = 0;
        for (let pos = 0; pos < plan.large.length && bLo <= bHi; pos++) {
          const i = plan.large[pos];
          const top = Math.min(this.hi[i], j);
          cost += (Math.min(pos, plan.rows - 1) + 1) * (bHi - bLo + 1) * (top - this.lo[i] + 1);
          bLo = Math.max(bLo + this.lo[i], plan.winLo - plan.after[pos]);
          bHi = Math.min(bHi + top, plan.winHi);
        }
        cost += Math.max(0, bHi - bLo + 1) * plan.rows;
        if (cost > limit) return cost;
      }
    }
    return cost;
  }

  /** The exact maj@k. */
  value(): number {
    let result = 0;
    for (const { index, weight } of this.winners) {
      for (let j = Math.max(1, this.lo[index]); j <= this.hi[index]; j++) {
        const plan = this.plan(index, j);
        if (plan) result += weight * this.pmf[index][j - this.lo[index]] * this.othersAtMost(plan);
      }
    }
    const norm = this.binomial(this.total, this.k);
    return Math.min(1, result / norm);
  }

  /** The plan for winner `winner` drawing j, or null when the others cannot all stay at or below j. */
  private plan(winner: number, j: number): Plan | null {
    const large: number[] = [];
    let free = this.abstain;
    for (let i = 0; i < this.groups.length; i++) {
      if (i === winner) continue;
      if (this.groups[i].count < j) {
        free += this.groups[i].count;
      } else {
        if (this.lo[i] > j) return null;
        large.push(i);
      }
    }
    const span = this.k - j;
    const [fLo, fHi] = this.window(free);
    const winLo = Math.max(0, span - fHi);
    const winHi = span - fLo;
    if (winHi < winLo) return null;
    const after = new Array<number>(large.length).fill(0);
    for (let pos = large.length - 2; pos >= 0; pos--) after[pos] = after[pos + 1] + Math.min(this.hi[large[pos + 1]], j);
    return { large, free, span, winLo, winHi, after, rows: Math.min(large.length, Math.floor(span / j)) + 1, j };
  }

  /** Sum over the others' draws (none above j, k - j in all) of probability / (1 + others tied at j). */
  private othersAtMost(plan: Plan): number {
    const { j, span, rows } = plan;
    const width = span + 1;
    let cur = this.buffer(0, rows * width);
    let next = this.buffer(1, rows * width);
    cur.fill(0, 0, rows * width);
    cur[0] = 1;
    let bLo = 0;
    let bHi = 0;
    let maxT = 0;
    for (let pos = 0; pos < plan.large.length; pos++) {
      const i = plan.large[pos];
      const lo = this.lo[i];
      const below = Math.min(this.hi[i], j - 1);
      const pmf = this.pmf[i];
      const lead = this.hi[i] >= j ? pmf[j - lo] : 0;
      const nLo = Math.max(bLo + lo, plan.winLo - plan.after[pos]);
      const nHi = Math.min(bHi + Math.min(this.hi[i], j), plan.winHi);
      if (nLo > nHi) return 0;
      const nextMaxT = Math.min(maxT + 1, rows - 1);
      for (let t = 0; t <= nextMaxT; t++) next.fill(0, t * width + nLo, t * width + nHi + 1);
      for (let t = 0; t <= maxT; t++) {
        const base = t * width;
        for (let s = Math.max(bLo, t * j); s <= bHi; s++) {
          const w = cur[base + s];
          if (w === 0) continue;
          const xTo = Math.min(below, nHi - s);
          for (let x = Math.max(lo, nLo - s); x <= xTo; x++) next[base + s + x] += w * pmf[x - lo];
          const to = s + j;
          if (lead > 0 && to >= nLo && to <= nHi && t + 1 < rows) next[base + width + to] += w * lead;
        }
      }
      [cur, next] = [next, cur];
      bLo = nLo;
      bHi = nHi;
      maxT = nextMaxT;
    }
    let sum = 0;
    for (let s = bLo; s <= bHi; s++) {
      const freeP = this.binomial(plan.free, span - s);
      if (freeP === 0) continue;
      for (let t = 0; t <= maxT; t++) {
        const w = cur[t * width + s];
        if (w !== 0) sum += (w * freeP) / (t + 1);
      }
    }
    return sum;
  }

  /** The plausible counts of a group of size a in the subset (hypergeometric probability above the cut). */
  private plausible(a: number): [number, number] {
    const n = this.total;
    const den = logChoose(n, this.k);
    const hyper = (x: number) => logChoose(a, x) + logChoose(n - a, this.k - x) - den;
    let lo = Math.max(0, this.k - (n - a));
    let hi = Math.min(a, this.k);
    while (lo < hi && hyper(lo) < this.cut) lo++;
    while (hi > lo && hyper(hi) < this.cut) hi--;
    return [lo, hi];
  }

  /** Scratch buffers reused across plans (contents are stale; callers clear what they read). */
  private buffer(which: 0 | 1, size: number): Float64Array {
    if (this.scratch[which].length < size) this.scratch[which] = new Float64Array(Math.max(size, 2 * this.scratch[which].length));
    return this.scratch[which];
  }

  private window(free: number): [number, number] {
    let w = this.windows.get(free);
    if (!w) this.windows.set(free, (w = this.plausible(free)));
    return w;
  }

  private binomial(a: number, x: number): number {
    if (x < 0 || x > a) return 0;
    return Math.exp(logChoose(a, x) + x * this.logP + (a - x) * this.logQ);
  }
}
