import type { StructuredPatch, StructuredPatchHunk } from 'diff';

// A comparison operator not part of =>, ->, <<, >> or a longer operator.
const COMPARISON = /(?<![=<>!-])(===|!==|<=|>=|==|!=|<|>)(?![=<>])/;
const FLIPPED: Record<string, string> = { '===': '!==', '!==': '===', '<=': '<', '>=': '>', '==': '!=', '!=': '==', '<': '<=', '>': '>=' };

/**
 * A plausible wrong version of a reference patch, used when the script gives none: only the first hunk
 * of a multi-hunk patch; else the first comparison in the added lines flipped (off by one, or negated);
 * else the first number in the added lines bumped; else the last added line dropped.
 * Returns [] when nothing can be corrupted (a pure deletion), i.e. the sim gives up on editing.
 */
export function corruptPatch(files: StructuredPatch[]): StructuredPatch[] {
  const hunkCount = files.reduce((s, f) => s + f.hunks.length, 0);
  if (hunkCount > 1) {
    const first = files.find((f) => f.hunks.length > 0) as StructuredPatch;
    return [{ ...first, hunks: [first.hunks[0] as StructuredPatchHunk] }];
  }
  for (const file of files) {
    const hunk = file.hunks[0];
    if (!hunk) continue;
    const corrupted = corruptHunk(hunk);
    if (corrupted) return [{ ...file, hunks: [corrupted] }];
  }
  return [];
}

function corruptHunk(hunk: StructuredPatchHunk): StructuredPatchHunk | null {
  const rewrites: Array<(line: string) => string | null> = [
    (line) => {
      const m = COMPARISON.exec(line);
      return m ? line.slice(0, m.index) + FLIPPED[m[1] as string] + line.slice(m.index + (m[1] as string).length) : null;
    },
    (line) => {
      const m = /\d+/.exec(line);
      return m ? line.slice(0, m.index) + String(Number(m[0]) + 1) + line.slice(m.index + m[0].length) : null;
    },
  ];
  for (const rewrite of rewrites) {
    for (let i = 0; i < hunk.lines.length; i++) {
      const line = hunk.lines[i] as string;
      if (line[0] !== '+') continue;
      const changed = rewrite(line.slice(1));
      if (changed !== null) return { ...hunk, lines: hunk.lines.map((l, j) => (j === i ? `+${changed}` : l)) };
    }
  }
  const lastAdded = hunk.lines.map((l) => l[0]).lastIndexOf('+');
  if (lastAdded < 0) return null;
  // The header counts follow, so the wrong patch stays a valid patch (jsdiff can apply or format it).
  return { ...hunk, newLines: hunk.newLines - 1, lines: hunk.lines.filter((_, j) => j !== lastAdded) };
}
