/** One hunk: its lines keep their ' ', '-' or '+' prefix. */
export interface DiffHunk {
  lines: string[];
  /** Whether the last old / new line lacks a final newline ("\ No newline at end of file"). */
  oldNoNewline: boolean;
  newNoNewline: boolean;
}

/** The hunks of one file; a null path is /dev/null (file created or deleted). */
export interface FileDiff {
  oldPath: string | null;
  newPath: string | null;
  hunks: DiffHunk[];
}

/** A file change as the code environment's tools express it. */
export type FileEdit = { tool: 'edit'; path: string; old: string; new: string } | { tool: 'write_file'; path: string; content: string };

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Parses a unified diff (git or plain) into files and hunks; text outside hunks is ignored. */
export function parseUnifiedDiff(diff: string): FileDiff[] {
  const files: FileDiff[] = [];
  const lines = diff.replace(/\r\n/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ')) {
      files.push({ oldPath: diffPath(line.slice(4)), newPath: diffPath((lines[i + 1] as string).slice(4)), hunks: [] });
      i += 2;
      continue;
    }
    const header = HUNK_HEADER.exec(line);
    const file = files[files.length - 1];
    if (header && file) {
      let oldLeft = header[2] === undefined ? 1 : Number(header[2]);
      let newLeft = header[4] === undefined ? 1 : Number(header[4]);
      const hunk: DiffHunk = { lines: [], oldNoNewline: false, newNoNewline: false };
      i++;
      while (i < lines.length && (oldLeft > 0 || newLeft > 0 || (lines[i] as string).startsWith('\\'))) {
        const body = lines[i] as string;
        const last = hunk.lines[hunk.lines.length - 1];
        if (body.startsWith('\\')) {
          if (last?.startsWith('-') || last?.startsWith(' ')) hunk.oldNoNewline = true;
          if (last?.startsWith('+') || last?.startsWith(' ')) hunk.newNoNewline = true;
        } else {
          // Some tools strip the single space of an empty context line.
          const tagged = body === '' ? ' ' : body;
          const tag = tagged[0];
          if (tag !== ' ' && tag !== '-' && tag !== '+') break;
          if (tag !== '+') oldLeft--;
          if (tag !== '-') newLeft--;
          hunk.lines.push(tagged);
        }
        i++;
      }
      file.hunks.push(hunk);
      continue;
    }
    i++;
  }
  return files;
}

function diffPath(raw: string): string | null {
  const path = raw.split('\t')[0]?.trim() ?? '';
  if (path === '/dev/null') return null;
  return path.replace(/^[ab]\//, '');
}

/** The text a hunk replaces and the text it puts in its place (whole lines, joined by newlines). */
export function hunkTexts(hunk: DiffHunk): { old: string; new: string } {
  const side = (skip: string) =>
    hunk.lines
      .filter((l) => l[0] !== skip)
      .map((l) => l.slice(1))
      .join('\n');
  return { old: side('+'), new: side('-') };
}

/** Edits that apply a patch: one `edit` per hunk, `write_file` for created files, emptying for deleted ones. */
export function patchToEdits(files: FileDiff[]): FileEdit[] {
  const edits: FileEdit[] = [];
  for (const file of files) {
    if (file.oldPath === null && file.newPath !== null) {
      const added = file.hunks.flatMap((h) => h.lines.filter((l) => l[0] === '+').map((l) => l.slice(1)));
      const noNewline = file.hunks[file.hunks.length - 1]?.newNoNewline ?? false;
      edits.push({ tool: 'write_file', path: file.newPath, content: added.join('\n') + (noNewline || added.length === 0 ? '' : '\n') });
      continue;
    }
    const path = file.newPath ?? file.oldPath;
    if (path === null) continue;
    for (const hunk of file.hunks) {
      const texts = hunkTexts(hunk);
      edits.push({ tool: 'edit', path, old: texts.old, new: texts.new });
    }
  }
  return edits;
}

/** Files a patch reads before changing them (created files excluded). */
export function touchedFiles(files: FileDiff[]): string[] {
  return [...new Set(files.flatMap((f) => (f.oldPath === null ? [] : [f.oldPath])))];
}
