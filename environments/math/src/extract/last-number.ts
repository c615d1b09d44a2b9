import type { Found } from './boxed.js';

// A number that stands alone: not glued after letters or digits (`AZYUK2A` holds no number), with an
// optional sign (not a hyphen between words), thousands groups (`7,425,000`, `1 000`), decimals, a
// fraction `a/b`, a mixed number (`2 1/2`), a decimal comma before a currency sign (`2,74 $`), or a bare `.5`.
const NUMBER =
  /(?<![\w.,])(?:(?<![\w)])-)?\$?(?:\d+ [1-9]\d*\/[1-9]\d*(?![\d/])|\d+,\d{1,2}(?=\s*(?:\$|€|euros?\b))|\d{1,3}(?:,\d{3})+(?![\d])|\d{1,3}(?: \d{3})+(?![\d,.])|\d+)(?:\.\d+)?(?:\s*\/\s*\d+)?(?![\d])|(?<![\w.])(?:(?<![\w)])-)?\.\d+/g;

// A point or interval of plain numbers in prose: "(2, 3)", "[1, 4)".
const TUPLE = /[([]\s*-?\d+(?:\.\d+)?(?:\s*,\s*-?\d+(?:\.\d+)?)+\s*[)\]]/g;

// "1/3, i.e. about 0.33": a number announced as an approximation is not the stated answer.
const APPROXIMATELY = /(?:\babout|\bapproximately|\bapprox\.?|\broughly|\baround|\bnearly|≈|~|\\approx)\s*\$?\s*$/i;

/**
 * The plain-text numbers of `text` that can be its answer: all of them, less those announced as
 * approximations when an exact one precedes them.
 */
export function answerNumbers(text: string): Found[] {
  const all = allNumbers(text);
  const exact = all.filter((f) => !APPROXIMATELY.test(text.slice(Math.max(0, f.index - 20), f.index)));
  return exact.length > 0 ? exact : all;
}

/** Every plain-text number in `text`, in order (a leading `$` dropped); a tuple of numbers counts as one. */
export function allNumbers(text: string): Found[] {
  const found: Found[] = [];
  const tuples: Array<[number, number]> = [];
  TUPLE.lastIndex = 0;
  for (let m = TUPLE.exec(text); m; m = TUPLE.exec(text)) {
    found.push({ answer: m[0], index: m.index });
    tuples.push([m.index, m.index + m[0].length]);
  }
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m; m = NUMBER.exec(text)) {
    // A number glued to letters that follow and precede nothing ("2A" in "K2A") was excluded by the lookbehind.
    const at = m.index;
    if (!tuples.some(([a, b]) => at >= a && at < b)) found.push({ answer: m[0].replace('$', ''), index: at });
  }
  return found.sort((a, b) => a.index - b.index);
}
