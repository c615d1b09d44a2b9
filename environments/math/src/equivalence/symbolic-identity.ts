import { createRequire } from 'node:module';
import type Nerdamer from 'nerdamer';

// nerdamer takes a few hundred ms to load and is needed only when compute-engine cannot evaluate a case:
// it is loaded on first use (it is CommonJS, so synchronously).
let nerdamerLib: typeof Nerdamer | undefined;
function nerdamer(): typeof Nerdamer {
  nerdamerLib ??= createRequire(import.meta.url)('nerdamer') as typeof Nerdamer;
  return nerdamerLib;
}

// nerdamer expands symbolically; beyond this size or power the expansion can run for minutes.
const MAX_CHARS = 200;
const LARGE_POWER = /\^\s*\{?\s*(?:\d{2,}|[7-9])/;

/**
 * True when nerdamer proves `expand(gold - pred) == 0`. The fallback for identities compute-engine
 * could not evaluate; any parse failure, and any input too large to expand quickly, counts as "not proven".
 */
export function isSymbolicIdentity(gold: string, pred: string): boolean {
  if (gold.length + pred.length > MAX_CHARS || LARGE_POWER.test(gold) || LARGE_POWER.test(pred)) return false;
  try {
    const a = nerdamer().convertFromLaTeX(splitLetters(gold)).toString();
    const b = nerdamer().convertFromLaTeX(splitLetters(pred)).toString();
    return nerdamer()(`expand((${a})-(${b}))`).toString() === '0';
  } catch {
    return false;
  } finally {
    // nerdamer keeps every expression it has built; drop them so memory stays flat.
    nerdamerLib?.flush();
  }
}

// In LaTeX `2ab` is 2*a*b (compute-engine reads it so), but nerdamer would take `ab` as one name.
function splitLetters(latex: string): string {
  return latex.replace(/(\\[a-zA-Z]+)|([a-zA-Z]{2,})/g, (_m, command?: string, run?: string) => command ?? [...(run ?? '')].join(' '));
}
