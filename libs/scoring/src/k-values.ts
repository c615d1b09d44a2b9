/** The k of a curve up to kMax: 1, 2, 4, ... below kMax, then kMax. */
export function kValues(kMax: number): number[] {
  const ks: number[] = [];
  for (let k = 1; k < kMax; k *= 2) ks.push(k);
  if (kMax >= 1) ks.push(kMax);
  return ks;
}

/** The largest k every pool supports: the smallest non-empty pool. */
export function commonKMax(pools: Iterable<{ n: number }>): number {
  let kMax = Infinity;
  for (const p of pools) if (p.n > 0) kMax = Math.min(kMax, p.n);
  return kMax === Infinity ? 0 : kMax;
}
