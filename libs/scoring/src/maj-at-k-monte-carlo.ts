import { Rng } from '@crucible/core';
import type { SampleGroup } from './sample-group.js';

/**
 * maj@k estimated from `draws` random k-subsets (partial Fisher-Yates), with the same vote and tie rule as the
 * exact computation. Deterministic given the seed.
 */
export function majAtKMonteCarlo(groups: readonly SampleGroup[], abstain: number, k: number, draws: number, seed: number): number {
  const owner: number[] = [];
  groups.forEach((g, i) => {
    for (let c = 0; c < g.count; c++) owner.push(i);
  });
  for (let c = 0; c < abstain; c++) owner.push(-1);
  const n = owner.length;
  const quality = groups.map((g) => g.passed / g.count);
  const rng = new Rng('scoring.majAtK', seed, k);
  const order = Int32Array.from(owner);
  const counts = new Int32Array(groups.length);
  const touched = new Int32Array(k);
  let total = 0;
  for (let d = 0; d < draws; d++) {
    let nTouched = 0;
    for (let i = 0; i < k; i++) {
      const r = i + Math.floor(rng.next() * (n - i));
      const g = order[r];
      order[r] = order[i];
      order[i] = g;
      if (g >= 0 && counts[g]++ === 0) touched[nTouched++] = g;
    }
    let max = 0;
    for (let i = 0; i < nTouched; i++) max = Math.max(max, counts[touched[i]]);
    let leaders = 0;
    let sum = 0;
    for (let i = 0; i < nTouched; i++) {
      const g = touched[i];
      if (counts[g] === max) {
        leaders++;
        sum += quality[g];
      }
      counts[g] = 0;
    }
    if (leaders > 0) total += sum / leaders;
  }
  return total / draws;
}
