import type { Found } from './boxed.js';

// A number that stands alone: not glued after letters or digits (`AZYUK2A` holds no number), with an
// optional sign (not a hyphen between words), thousands groups (`7,425,000`, `1 000`), decimals, a
// fraction `a/b`, a decimal comma before a currency sign (`2,74 $`), or a bare `.5`.
const NUMBER =
  /(?<![\w.,])(?:(?<![\w)])-)?\$?(?:\d+,\d{1,2}(?=\s*(?:\$|€|euros?\b))|\d{1,3}(?:,\d{3})+(?![\d])|\d{1,3}(?: \d{3})+(?![\d,.])|\d+)(?:\.\d+)?(?:\s*\/\s*\d+)?(?![\d])|(?<![\w.])(?:(?<![\w)])-)?\.\d+/g;

/** Every plain-text number in `text`, in order (a leading `$` dropped). */
export function allNumbers(text: string): Found[] {
  const found: Found[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m; m = NUMBER.exec(text)) {
    // A number glued to letters that follow and precede nothing ("2A" in "K2A") was excluded by the lookbehind.
    found.push({ answer: m[0].replace('$', ''), index: m.index });
  }
  return found;
}
