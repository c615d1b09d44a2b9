const MAX_BARE_CHARS = 100;

/**
 * The output itself when it is a bare answer rather than prose: one short line with no words outside
 * LaTeX commands (`5 \geq x`, `1,22`, `\frac{1}{3}`), a number with a unit (`12 cm`), or a few words only
 * (`odd`, `no solution`). Null otherwise.
 */
export function bareAnswer(text: string): string | null {
  const s = text.trim();
  if (!/[A-Za-z0-9]/.test(s) || s.length > MAX_BARE_CHARS || s.includes('\n')) return null;
  if (/^[A-Za-z0-9]+$/.test(s)) return s;
  if (/^[A-Za-z][A-Za-z' -]*[.!]?$/.test(s) && s.split(/\s+/).length <= 3) return s.replace(/[.!]$/, '');
  const words = s.replace(/\\(?:begin|end)\s*\{\w+\*?\}|\\(?:text\w*|mbox|mathrm|operatorname)\s*\{[^}]*\}|\\[a-zA-Z]+/g, ' ').match(/[a-zA-Z]{2,}/g) ?? [];
  // No words, or one short one that is maths (`\frac ab`).
  if (words.length === 0 || (words.length === 1 && (words[0] as string).length <= 2 && !/\s/.test(s.replace(/\\[a-zA-Z]+\s/g, '')))) return s;
  if (words.length === 1 && new RegExp(`\\d\\s*${words[0]}\\b`).test(s)) return s;
  return null;
}
