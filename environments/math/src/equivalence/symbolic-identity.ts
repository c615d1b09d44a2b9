import nerdamer from 'nerdamer';

/**
 * True when nerdamer proves `expand(gold - pred) == 0`. The fallback for identities compute-engine
 * could not evaluate; any parse failure counts as "not proven".
 */
export function isSymbolicIdentity(gold: string, pred: string): boolean {
  try {
    const a = nerdamer.convertFromLaTeX(splitLetters(gold)).toString();
    const b = nerdamer.convertFromLaTeX(splitLetters(pred)).toString();
    return nerdamer(`expand((${a})-(${b}))`).toString() === '0';
  } catch {
    return false;
  }
}

// In LaTeX `2ab` is 2*a*b (compute-engine reads it so), but nerdamer would take `ab` as one name.
function splitLetters(latex: string): string {
  return latex.replace(/(\\[a-zA-Z]+)|([a-zA-Z]{2,})/g, (_m, command?: string, run?: string) => command ?? [...(run ?? '')].join(' '));
}
