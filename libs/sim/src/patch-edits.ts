import { parsePatch, reversePatch, type StructuredPatch, type StructuredPatchHunk } from 'diff';

/** A file change in terms of the environment's tools: replace a snippet, or write a whole file. */
export type FileEdit = { kind: 'edit'; path: string; old: string; new: string } | { kind: 'write'; path: string; content: string };

/** Parses a unified diff (git or plain) with jsdiff; CRLF line ends are read as LF. */
export function parseUnifiedDiff(diff: string): StructuredPatch[] {
  return parsePatch(diff.replace(/\r\n/g, '\n'));
}

/** A file name of a patch without its `a/` / `b/` prefix; null for /dev/null (a created or deleted file). */
export function pathOf(name: string | undefined): string | null {
  const path = name?.split('\t')[0]?.trim() ?? '';
  if (path === '' || path === '/dev/null') return null;
  return path.replace(/^[ab]\//, '');
}

// jsdiff keeps an empty context line as '' (some tools strip its single space) and "\ No newline" markers as lines.
const bodyLines = (hunk: StructuredPatchHunk) => hunk.lines.filter((l) => !l.startsWith('\\')).map((l) => (l === '' ? ' ' : l));

/** The text a hunk replaces and the text it puts in its place (whole lines, joined by newlines). */
export function hunkTexts(hunk: StructuredPatchHunk): { old: string; new: string } {
  const side = (skip: string) =>
    bodyLines(hunk)
      .filter((l) => l[0] !== skip)
      .map((l) => l.slice(1))
      .join('\n');
  return { old: side('+'), new: side('-') };
}

/** Edits that apply a patch: one snippet edit per hunk, a whole-file write for created files, emptying for deleted ones. */
export function patchToEdits(files: StructuredPatch[]): FileEdit[] {
  const edits: FileEdit[] = [];
  for (const file of files) {
    const oldPath = pathOf(file.oldFileName);
    const newPath = pathOf(file.newFileName);
    if (oldPath === null && newPath !== null) {
      const added = file.hunks.flatMap((h) => bodyLines(h).filter((l) => l[0] === '+').map((l) => l.slice(1)));
      const noNewline = file.hunks.at(-1)?.lines.at(-1)?.startsWith('\\') ?? false;
      edits.push({ kind: 'write', path: newPath, content: added.join('\n') + (noNewline || added.length === 0 ? '' : '\n') });
      continue;
    }
    const path = newPath ?? oldPath;
    if (path === null) continue;
    for (const hunk of file.hunks) edits.push({ kind: 'edit', path, ...hunkTexts(hunk) });
  }
  return edits;
}

/**
 * Edits that undo a patch applied with {@link patchToEdits}, last change first: jsdiff's reverse of each file
 * that existed before (a file the patch created is left, as a revert by snippet edits cannot remove it).
 */
export function revertEdits(files: StructuredPatch[]): FileEdit[] {
  const existing = files.filter((f) => pathOf(f.oldFileName) !== null);
  return patchToEdits(existing.map((f) => reversePatch(f)))
    .filter((e) => e.kind === 'edit')
    .reverse();
}

/** Files a patch reads before changing them (created files excluded). */
export function touchedFiles(files: StructuredPatch[]): string[] {
  return [...new Set(files.flatMap((f) => pathOf(f.oldFileName) ?? []))];
}
