import { checkInt } from './argument-error.js';

/**
 * Unbiased pass@k from n samples of which c passed: 1 - C(n-c, k) / C(n, k), computed as
 * 1 - prod_{i=n-c+1}^{n} (1 - k/i) so it stays finite and accurate for n in the thousands.
 */
export function passAtK(n: number, c: number, k: number): number {
  checkInt('passAtK', 'n', n, 1);
  checkInt('passAtK', 'c', c, 0, n);
  checkInt('passAtK', 'k', k, 1, n);
  if (c === 0) return 0;
  if (n - c < k) return 1;
  let fail = 1;
  for (let i = n - c + 1; i <= n; i++) fail *= 1 - k / i;
  return 1 - fail;
}
