import type { Found } from './boxed.js';

// Display forms first so `$$x$$` is not read as two empty `$` spans.
const DELIMITED = /\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|\\begin\{(align\*?|equation\*?|gather\*?|eqnarray\*?)\}([\s\S]*?)\\end\{\4\}/g;
// Inline `$...$` by pandoc's rule, so prices ("$5 and $6") are not math: no space just inside either
// dollar, and the closing one is not followed by a digit.
const INLINE = /(?<![\\$])\$(?![\s$])((?:\\\$|[^$])*?[^\s\\$])\$(?!\d)/g;

/**
 * Every math span in `text` in order: `$...$`, `$$...$$`, `\(...\)`, `\[...\]` and `align`/`equation`
 * environments (whose answer is the right-hand side of their last line).
 */
export function allMathSpans(text: string): Found[] {
  const found: Found[] = [];
  const taken: Array<[number, number]> = [];
  DELIMITED.lastIndex = 0;
  for (let m = DELIMITED.exec(text); m; m = DELIMITED.exec(text)) {
    const body = m[5] !== undefined ? lastLine(m[5]) : (m[1] ?? m[2] ?? m[3] ?? '');
    taken.push([m.index, m.index + m[0].length]);
    if (body.trim() !== '') found.push({ answer: body.trim(), index: m.index });
  }
  // Inline spans outside the display spans (blank them out so their dollars do not pair up).
  let rest = text;
  for (const [a, b] of taken) rest = rest.slice(0, a) + ' '.repeat(b - a) + rest.slice(b);
  INLINE.lastIndex = 0;
  for (let m = INLINE.exec(rest); m; m = INLINE.exec(rest)) found.push({ answer: (m[1] as string).trim(), index: m.index });
  return found.sort((a, b) => a.index - b.index);
}

// The last line of an align block, from its last `=` (`&= \frac{1}{3}` -> `\frac{1}{3}`).
function lastLine(body: string): string {
  const lines = body.split(/\\\\/).map((l) => l.replace(/\\(?:nonumber|notag)(?![a-zA-Z])/g, '').trim()).filter((l) => l !== '');
  const line = (lines.at(-1) ?? '').replace(/&/g, '');
  const eq = line.lastIndexOf('=');
  return eq >= 0 && !/\\(?:le|ge|ne)q?\s*$|[<>!]$/.test(line.slice(0, eq)) ? line.slice(eq + 1) : line;
}
