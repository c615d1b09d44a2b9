/**
 * The `{...}` group that opens at `open` (which must be a `{`), honouring nesting and `\{ \}` escapes.
 * Returns its content and the index just past the closing brace, or null when it never closes.
 */
export function readBraceGroup(text: string, open: number): { content: string; end: number } | null {
  if (text[open] !== '{') return null;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return { content: text.slice(open + 1, i), end: i + 1 };
    }
  }
  return null;
}

/**
 * One macro argument starting at `from`: a brace group, or else the next single non-space character
 * (TeX reads `\frac12` as `\frac{1}{2}`) or control word.
 */
export function readMacroArgument(text: string, from: number): { content: string; end: number } | null {
  let i = from;
  while (text[i] === ' ') i++;
  if (i >= text.length) return null;
  if (text[i] === '{') return readBraceGroup(text, i);
  if (text[i] === '\\') {
    const word = /^\\(?:[a-zA-Z]+|.)/.exec(text.slice(i));
    return word ? { content: word[0], end: i + word[0].length } : null;
  }
  return { content: text[i] as string, end: i + 1 };
}

/**
 * Replaces every `\name{arg}` (for each name in `names`) with `render(arg)`, innermost content first,
 * so `\text{\textbf{5}}` works. Unclosed groups are left as they are.
 */
export function replaceMacro(text: string, names: readonly string[], render: (arg: string) => string): string {
  const pattern = new RegExp(`\\\\(?:${names.join('|')})(?![a-zA-Z])\\s*\\{`, 'g');
  let out = '';
  let last = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const group = readBraceGroup(text, m.index + m[0].length - 1);
    if (!group) continue;
    out += text.slice(last, m.index) + render(replaceMacro(group.content, names, render));
    last = group.end;
    pattern.lastIndex = group.end;
  }
  return out + text.slice(last);
}
