import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff, patchToEdits, touchedFiles } from './unified-diff.js';
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

describe('parseUnifiedDiff', () => {
  it('reads files, hunks, created and deleted files', () => {
    const files = parseUnifiedDiff(MULTI);
    expect(files.map((f) => [f.oldPath, f.newPath, f.hunks.length])).toEqual([
      ['lib/a.py', 'lib/a.py', 2],
      [null, 'lib/new.py', 1],
      ['old.txt', null, 1],
    ]);
    // The empty line inside the first hunk is a context line whose space was stripped.
    expect(files[0]?.hunks[0]?.lines).toEqual([' def f(x):', '-    return x > 0', '+    return x >= 0', ' ']);
    expect(files[1]?.hunks[0]?.newNoNewline).toBe(true);
    expect(touchedFiles(files)).toEqual(['lib/a.py', 'old.txt']);
  });

  it('turns a patch into tool edits', () => {
    expect(patchToEdits(parseUnifiedDiff(MULTI))).toEqual([
      { tool: 'edit', path: 'lib/a.py', old: 'def f(x):\n    return x > 0\n', new: 'def f(x):\n    return x >= 0\n' },
      { tool: 'edit', path: 'lib/a.py', old: '    y = 1\n    return y', new: '    y = 1\n    y += 1\n    return y' },
      { tool: 'write_file', path: 'lib/new.py', content: 'X = 1\nY = 2' },
      { tool: 'edit', path: 'old.txt', old: 'gone', new: '' },
    ]);
  });
});

describe('corruptPatch', () => {
  const single = (added: string) => `--- a/f.js\n+++ b/f.js\n@@ -1,3 +1,3 @@\n a();\n-old();\n+${added}\n b();\n`;
  const edited = (diff: string) => patchToEdits(corruptPatch(parseUnifiedDiff(diff))).map((e) => (e.tool === 'edit' ? e.new : e.content));

  it('keeps only the first hunk of a multi-hunk patch', () => {
    const files = corruptPatch(parseUnifiedDiff(MULTI));
    expect(files).toHaveLength(1);
    expect(files[0]?.hunks).toHaveLength(1);
    expect(files[0]?.oldPath).toBe('lib/a.py');
  });

  it('flips a comparison, else bumps a number, else drops the last added line', () => {
    expect(edited(single('if (i <= n) go();'))).toEqual(['a();\nif (i < n) go();\nb();']);
    expect(edited(single('const f = (x) => x === 1;'))).toEqual(['a();\nconst f = (x) => x !== 1;\nb();']);
    expect(edited(single('retry(3);'))).toEqual(['a();\nretry(4);\nb();']);
    expect(edited(single('done();'))).toEqual(['a();\nb();']);
  });

  it('gives up on a pure deletion', () => {
    expect(corruptPatch(parseUnifiedDiff('--- a/f\n+++ b/f\n@@ -1,2 +1,1 @@\n keep\n-drop\n'))).toEqual([]);
  });
});
