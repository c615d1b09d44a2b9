import { applyPatch, formatPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff, patchToEdits, pathOf, revertEdits, touchedFiles, type FileEdit } from './patch-edits.js';
import { corruptPatch } from './wrong-patch.js';

const MULTI = `diff --git a/lib/a.py b/lib/a.py
index 111..222 100644
--- a/lib/a.py
+++ b/lib/a.py
@@ -1,3 +1,3 @@
 def f(x):
-    return x > 0
+    return x >= 0

@@ -10,2 +10,3 @@ def g():
     y = 1
+    y += 1
     return y
--- /dev/null
+++ b/lib/new.py
@@ -0,0 +1,2 @@
+X = 1
+Y = 2
\\ No newline at end of file
--- a/old.txt
+++ /dev/null
@@ -1 +0,0 @@
-gone
`;

/** Applies edits the way the code tools do: a snippet replaced once, or a whole file written. */
function applyEdits(files: Record<string, string>, edits: FileEdit[]): Record<string, string> {
  const out = { ...files };
  for (const e of edits) {
    if (e.kind === 'write') out[e.path] = e.content;
    else {
      const text = out[e.path] ?? '';
      expect(text, `${e.path} holds the snippet`).toContain(e.old);
      out[e.path] = text.replace(e.old, () => e.new);
    }
  }
  return out;
}

const A_PY = ['def f(x):', '    return x > 0', '', ...Array.from({ length: 6 }, (_, i) => `# line ${i + 4}`), '    y = 1', '    return y', ''].join('\n');

describe('parseUnifiedDiff (jsdiff)', () => {
  it('reads files, hunks, created and deleted files', () => {
    const files = parseUnifiedDiff(MULTI);
    expect(files.map((f) => [pathOf(f.oldFileName), pathOf(f.newFileName), f.hunks.length])).toEqual([
      ['lib/a.py', 'lib/a.py', 2],
      [null, 'lib/new.py', 1],
      ['old.txt', null, 1],
    ]);
    expect(touchedFiles(files)).toEqual(['lib/a.py', 'old.txt']);
  });

  it('turns a patch into tool edits', () => {
    expect(patchToEdits(parseUnifiedDiff(MULTI))).toEqual([
      { kind: 'edit', path: 'lib/a.py', old: 'def f(x):\n    return x > 0\n', new: 'def f(x):\n    return x >= 0\n' },
      { kind: 'edit', path: 'lib/a.py', old: '    y = 1\n    return y', new: '    y = 1\n    y += 1\n    return y' },
      { kind: 'write', path: 'lib/new.py', content: 'X = 1\nY = 2' },
      { kind: 'edit', path: 'old.txt', old: 'gone', new: '' },
    ]);
  });

  it('edits reach what jsdiff applying the patch reaches, and the revert edits undo them', () => {
    const [patch] = parseUnifiedDiff(MULTI);
    const expected = applyPatch(A_PY, patch!);
    expect(expected).not.toBe(false);
    const edited = applyEdits({ 'lib/a.py': A_PY }, patchToEdits([patch!]));
    expect(edited['lib/a.py']).toBe(expected);
    expect(applyEdits(edited, revertEdits([patch!]))['lib/a.py']).toBe(A_PY);
  });
});

describe('corruptPatch', () => {
  const single = (added: string) => `--- a/f.js\n+++ b/f.js\n@@ -1,3 +1,3 @@\n a();\n-old();\n+${added}\n b();\n`;
  const edited = (diff: string) => patchToEdits(corruptPatch(parseUnifiedDiff(diff))).map((e) => (e.kind === 'edit' ? e.new : e.content));

  it('keeps only the first hunk of a multi-hunk patch', () => {
    const files = corruptPatch(parseUnifiedDiff(MULTI));
    expect(files).toHaveLength(1);
    expect(files[0]?.hunks).toHaveLength(1);
    expect(pathOf(files[0]?.oldFileName)).toBe('lib/a.py');
  });

  it('flips a comparison, else bumps a number, else drops the last added line', () => {
    expect(edited(single('if (i <= n) go();'))).toEqual(['a();\nif (i < n) go();\nb();']);
    expect(edited(single('const f = (x) => x === 1;'))).toEqual(['a();\nconst f = (x) => x !== 1;\nb();']);
    expect(edited(single('retry(3);'))).toEqual(['a();\nretry(4);\nb();']);
    expect(edited(single('done();'))).toEqual(['a();\nb();']);
  });

  it('makes a wrong patch that is still a valid patch: jsdiff formats, re-reads and applies it', () => {
    const source = 'a();\nold();\nb();\n';
    for (const added of ['if (i <= n) go();', 'done();']) {
      const wrong = corruptPatch(parseUnifiedDiff(single(added)));
      const reread = parseUnifiedDiff(formatPatch(wrong));
      const applied = applyPatch(source, reread[0]!);
      expect(applied, added).not.toBe(false);
      expect(applied).toBe(applyEdits({ 'f.js': source }, patchToEdits(wrong))['f.js']);
    }
  });

  it('gives up on a pure deletion', () => {
    expect(corruptPatch(parseUnifiedDiff('--- a/f\n+++ b/f\n@@ -1,2 +1,1 @@\n keep\n-drop\n'))).toEqual([]);
  });
});
