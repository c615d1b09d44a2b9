import { mkdir, readFile, realpath, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editTool } from '../src/tools/edit.js';
import { listDirTool } from '../src/tools/list-dir.js';
import { READ_MAX_LINES, readFileTool } from '../src/tools/read-file.js';
import { runCommand } from '../src/sandbox/run-command.js';
import { SEARCH_MAX_MATCHES, searchTool as searchIn, type SearchRunner } from '../src/tools/search.js';
import { writeFileTool } from '../src/tools/write-file.js';
import { cleanTempDirs, tempDir, writeTree } from './helpers.js';

let root: string;
let outside: string;

beforeAll(async () => {
  root = await realpath(await tempDir('code-repo-tools-'));
  outside = await realpath(await tempDir('code-repo-outside-'));
  await writeFile(path.join(outside, 'secret.txt'), 'top secret\n');
  await writeTree(root, {
    'src/a.js': 'const x = 1;\nconst y = 2;\nconst x2 = 1;\n',
    'src/dup.js': 'foo();\nbar();\nfoo();\n',
    '.git': 'gitdir: /somewhere/else\n',
    'node_modules/pkg/index.js': 'const x = 1;\n',
    'long.txt': Array.from({ length: 1000 }, (_, i) => `line ${i + 1}`).join('\n') + '\n',
    'wide.txt': Array.from({ length: 50 }, () => 'x'.repeat(1000)).join('\n'),
    'many.txt': Array.from({ length: 150 }, () => 'needle').join('\n'),
    'bin.dat': Buffer.from([0, 1, 2, 3, 0, 255]),
  });
  await symlink(outside, path.join(root, 'out-dir'));
  await symlink(path.join(outside, 'secret.txt'), path.join(root, 'out-file'));
  await symlink(path.join(outside, 'not-yet.txt'), path.join(root, 'dangling'));
  await symlink(path.join(root, 'src', 'a.js'), path.join(root, 'inside-link'));
});

afterAll(cleanTempDirs);

/** The search tool as a session runs it: a sandboxed subprocess in the workspace. */
const runner: SearchRunner = { timeoutSec: 10, run: (command, maxOutputBytes) => runCommand(command, { workspace: root, timeoutMs: 10_000, maxOutputBytes }) };
const searchTool = (dir: string, input: { pattern: string; path?: string }) => searchIn(dir, input, runner);

describe('paths stay inside the workspace', () => {
  const escapes = ['../secret.txt', 'src/../../x', '/etc/passwd', '~/x', 'out-dir/secret.txt', 'out-file', '.git/config', '.git'];

  it.each(escapes)('read_file refuses %s with an error observation', async (p) => {
    const obs = await readFileTool(root, { path: p });
    expect(obs).toMatch(/^Error: /);
    expect(obs).not.toContain('top secret');
  });

  it.each(escapes)('write_file refuses %s and writes nothing', async (p) => {
    expect(await writeFileTool(root, { path: p, content: 'pwned' })).toMatch(/^Error: /);
  });

  it('write_file through a dangling symlink that points outside creates nothing outside', async () => {
    expect(await writeFileTool(root, { path: 'dangling', content: 'pwned' })).toMatch(/^Error: /);
    expect(await stat(path.join(outside, 'not-yet.txt')).catch(() => undefined)).toBeUndefined();
    expect(await writeFileTool(root, { path: 'out-dir/new.txt', content: 'pwned' })).toMatch(/^Error: /);
    expect(await stat(path.join(outside, 'new.txt')).catch(() => undefined)).toBeUndefined();
  });

  it('edit, list_dir and search refuse escapes too', async () => {
    expect(await editTool(root, { path: 'out-file', old: 'top', new: 'pwned' })).toMatch(/^Error: /);
    expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('top secret\n');
    expect(await listDirTool(root, { path: 'out-dir' })).toMatch(/^Error: /);
    expect(await listDirTool(root, { path: '..' })).toMatch(/^Error: /);
    expect(await searchTool(root, { pattern: 'secret', path: 'out-dir' })).toMatch(/^Error: /);
  });

  it('follows a symlink that stays inside', async () => {
    expect(await readFileTool(root, { path: 'inside-link' })).toContain('const y = 2;');
  });
});

describe('list_dir', () => {
  it('lists entries sorted, marks directories and links, hides .git', async () => {
    const obs = await listDirTool(root, {});
    expect(obs).toContain('src/');
    expect(obs).toContain('long.txt');
    expect(obs).toContain('out-dir@');
    expect(obs.split('\n')).not.toContain('.git');
    expect(await listDirTool(root, { path: 'nope' })).toBe('Error: nope does not exist.');
    expect(await listDirTool(root, { path: 'long.txt' })).toMatch(/^Error: long.txt is a file/);
  });
});

describe('read_file', () => {
  it('numbers lines and says how to read past the line limit', async () => {
    const obs = await readFileTool(root, { path: 'long.txt' });
    expect(obs.split('\n')[1]).toBe('   1\tline 1');
    expect(obs).toContain(`\t${'line 400'}`);
    expect(obs).not.toContain('line 401\n');
    expect(obs).toContain(`[truncated: showing lines 1-${READ_MAX_LINES} of 1000`);
    expect(obs).toContain('startLine=401');
  });

  it('pages with startLine / endLine', async () => {
    const obs = await readFileTool(root, { path: 'long.txt', startLine: 990, endLine: 995 });
    expect(obs).toMatch(/^long.txt \(lines 990-995 of 1000/);
    expect(obs).not.toContain('truncated');
    expect(await readFileTool(root, { path: 'long.txt', startLine: 2000 })).toMatch(/^Error: startLine 2000 is past the end/);
  });

  it('stops at the character limit too', async () => {
    const obs = await readFileTool(root, { path: 'wide.txt' });
    expect(obs).toContain('[truncated: showing lines 1-19 of 50');
    expect(obs).toContain('startLine=20');
  });

  it('refuses binary files and directories', async () => {
    expect(await readFileTool(root, { path: 'bin.dat' })).toMatch(/^Error: bin.dat looks like a binary file/);
    expect(await readFileTool(root, { path: 'src' })).toMatch(/^Error: src is a directory/);
  });
});

describe('edit', () => {
  it('replaces exactly one occurrence, taking the new text literally', async () => {
    await writeFile(path.join(root, 'e.js'), 'let a = 1;\nlet b = 2;\n');
    expect(await editTool(root, { path: 'e.js', old: 'let b = 2;', new: "let b = '$&';" })).toMatch(/^Edited e.js/);
    expect(await readFile(path.join(root, 'e.js'), 'utf8')).toBe("let a = 1;\nlet b = '$&';\n");
  });

  it('says when the snippet is missing', async () => {
    const obs = await editTool(root, { path: 'src/a.js', old: 'const z = 3;', new: '' });
    expect(obs).toBe('Error: the snippet was not found in src/a.js. Copy it exactly (including indentation) from the current file.');
  });

  it('says when the snippet is ambiguous, with the lines', async () => {
    const obs = await editTool(root, { path: 'src/dup.js', old: 'foo();', new: 'baz();' });
    expect(obs).toBe('Error: the snippet occurs 2 times in src/dup.js (at lines 1, 3); include more surrounding lines so it matches exactly once.');
    expect(await readFile(path.join(root, 'src/dup.js'), 'utf8')).toBe('foo();\nbar();\nfoo();\n');
  });

  it('points out line numbers copied from read_file', async () => {
    expect(await editTool(root, { path: 'src/a.js', old: '1\tconst x = 1;', new: '' })).toContain('line numbers');
  });
});

describe('write_file', () => {
  it('creates parent directories and reports the size', async () => {
    expect(await writeFileTool(root, { path: 'new/dir/f.txt', content: 'a\nb\n' })).toBe('Created new/dir/f.txt (2 lines, 4 bytes).');
    expect(await readFile(path.join(root, 'new/dir/f.txt'), 'utf8')).toBe('a\nb\n');
    await mkdir(path.join(root, 'adir'), { recursive: true });
    expect(await writeFileTool(root, { path: 'adir', content: 'x' })).toBe('Error: adir is a directory.');
  });
});

describe('search', () => {
  it('prints path:line: text and skips node_modules and .git', async () => {
    const obs = await searchTool(root, { pattern: 'const x\\d? = 1', path: 'src' });
    expect(obs).toBe('src/a.js:1: const x = 1;\nsrc/a.js:3: const x2 = 1;');
    expect(await searchTool(root, { pattern: 'const x = 1' })).not.toContain('node_modules');
  });

  it('caps the matches with a note', async () => {
    const obs = await searchTool(root, { pattern: 'needle', path: 'many.txt' });
    expect(obs.split('\n').filter((l) => l.startsWith('many.txt:'))).toHaveLength(SEARCH_MAX_MATCHES);
    expect(obs).toContain(`[showing the first ${SEARCH_MAX_MATCHES} matches; there are more.`);
  });

  it('reports an invalid pattern and an empty result', async () => {
    expect(await searchTool(root, { pattern: '(' })).toMatch(/^Error: invalid regular expression/);
    expect(await searchTool(root, { pattern: 'zzz_nothing' })).toBe('No matches for /zzz_nothing/ in ..');
  });
});
