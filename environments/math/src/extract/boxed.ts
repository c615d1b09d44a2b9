import { readBraceGroup } from '../latex-braces.js';

/**
 * The content of the last `\boxed{...}` or `\fbox{...}` in `text` (nested braces allowed), or null.
 * `\boxed 5` without braces takes the next token, as TeX does.
 */
export function lastBoxed(text: string): string | null {
  const pattern = /\\(?:boxed|fbox)(?![a-zA-Z])\s*/g;
  let found: string | null = null;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const start = m.index + m[0].length;
    if (text[start] === '{') {
      const group = readBraceGroup(text, start);
      if (group && group.content.trim() !== '') found = group.content.trim();
    } else {
      const token = /^[^\s$]+/.exec(text.slice(start));
      if (token) found = token[0];
    }
  }
  return found;
}
