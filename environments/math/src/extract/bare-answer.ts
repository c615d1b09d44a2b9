const MAX_BARE_CHARS = 100;
const SHORT_WORDS = new Set(['is', 'it', 'so', 'we', 'be', 'to', 'of', 'in', 'on', 'at', 'an', 'as', 'by', 'or', 'if', 'no', 'do', 'up', 'my', 'me', 'he', 'us', 'am', 'ok', 'oh', 'hi', 'go', 'ie', 'eg']);

/**
 * The output itself when it is a bare answer rather than prose: one short line with no words outside
 * LaTeX commands (`5 \geq x`, `1,22`, `\frac{1}{3}`), a number with a unit (`12 cm`), or a few words only
 * (`odd`, `no solution`). Null otherwise.
 */
export function bareAnswer(text: string): string | null {
  const s = text.trim();
  // The empty set is an answer without a letter or digit in it.
  if (/^(?:\\\{\s*\\\}|∅)$/.test(s)) return s;
  if (!/[A-Za-z0-9]/.test(s) || s.length > MAX_BARE_CHARS || s.includes('\n')) return null;
  if (/^[A-Za-z0-9]+$/.test(s)) return s;
  if (/^[A-Za-z][A-Za-z' -]*[.!]?$/.test(s) && s.split(/\s+/).length <= 3) return s.replace(/[.!]$/, '');
  const words = s.replace(/\\(?:begin|end)\s*\{\w+\*?\}|\\(?:text\w*|mbox|mathrm|operatorname)\s*\{[^}]*\}|\\[a-zA-Z]+/g, ' ').match(/[a-zA-Z]{2,}/g) ?? [];
  // No words, or a few short ones that are maths (`\frac ab`, `mc^2 = E`), not English ("it is 5").
  if (words.every((w) => w.length <= 2 && !SHORT_WORDS.has(w.toLowerCase())) && words.length <= 3) return s;
  if (words.length === 1 && new RegExp(`\\d\\s*${words[0]}\\b`).test(s)) return s;
  return null;
}
