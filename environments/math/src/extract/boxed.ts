import { readBraceGroup } from '../latex-braces.js';

/** One `\boxed{...}` found in a text: its content and where it starts. */
export interface Found {
  answer: string;
  index: number;
}

/**
 * Every non-empty `\boxed{...}` or `\fbox{...}` in `text`, in order (nested braces allowed).
 * `\boxed 5` without braces takes the next token, as TeX does.
 */
export function allBoxed(text: string): Found[] {
  const pattern = /\\(?:boxed|fbox)(?![a-zA-Z])\s*/g;
  const found: Found[] = [];
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const start = m.index + m[0].length;
    if (text[start] === '{') {
      const group = readBraceGroup(text, start);
      if (group && group.content.trim() !== '') found.push({ answer: group.content.trim(), index: m.index });
    } else {
      const token = /^[^\s$]+/.exec(text.slice(start));
      if (token) found.push({ answer: token[0], index: m.index });
    }
  }
  return found;
}

/** The content of the last `\boxed{...}` or `\fbox{...}` in `text`, or null. */
export function lastBoxed(text: string): string | null {
  return allBoxed(text).at(-1)?.answer ?? null;
}
