import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  canonicalUnittestId,
  parseJest,
  parseNodeSpec,
  parseNodeTap,
  parsePytest,
  parseTestOutput,
  parseUnittest,
  parseVitest,
  type ParsedTest,
} from '../src/scoring/parsers/index.js';
import { testVerdicts } from '../src/scoring/test-verdicts.js';
import { cleanTempDirs, tempDir, writeTree } from './helpers.js';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const byName = (results: ParsedTest[]) => Object.fromEntries(results.map((r) => [r.name, r.status]));

afterAll(cleanTempDirs);

describe('node:test output', () => {
  const expected = {
    'slugify > works': 'passed',
    'slugify > fails': 'failed',
    'slugify > nested > deep': 'passed',
    'top level': 'passed',
    skipped: 'skipped',
    '/tmp/nt/test/b.test.mjs': 'failed',
  };

  it('reads the TAP reporter, nesting by # Subtest headers and leaving suites out', () => {
    expect(byName(parseNodeTap(fixture('node-tap.txt')))).toEqual(expected);
  });

  it('reads the spec reporter and ignores the failing-tests recap', () => {
    expect(byName(parseNodeSpec(fixture('node-spec.txt')))).toEqual(expected);
    expect(parseNodeSpec(fixture('node-spec.txt'))).toHaveLength(6);
  });

  it('reads a real node --test run', async () => {
    const dir = await tempDir();
    await writeTree(dir, {
      'test/x.test.mjs': [
        "import { describe, it, test } from 'node:test';",
        "import assert from 'node:assert/strict';",
        "describe('outer # hash', () => {",
        "  it('passes', () => {});",
        "  it('fails', () => assert.equal(1, 2));",
        '});',
        "test('todo one', { todo: true }, () => { throw new Error('x'); });",
        '',
      ].join('\n'),
    });
    for (const reporter of ['tap', 'spec']) {
      let out = '';
      try {
        out = execFileSync(process.execPath, ['--test', `--test-reporter=${reporter}`], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
      } catch (err) {
        out = (err as { stdout: string }).stdout;
      }
      expect(byName(parseTestOutput('node-test', out))).toEqual({
        'outer # hash > passes': 'passed',
        'outer # hash > fails': 'failed',
        'todo one': 'skipped',
      });
    }
  });
});

describe('vitest output', () => {
  const expected = {
    'sum > adds numbers': 'passed',
    'sum > fails on purpose': 'failed',
    'sum > nested > deep test': 'passed',
    'sum > skipped one': 'skipped',
    'sum > todo one': 'skipped',
    'top level': 'passed',
  };

  it('reads the verbose reporter, with or without colours', () => {
    expect(byName(parseVitest(fixture('vitest-verbose-color.txt')))).toEqual(expected);
    const plain = parseVitest(fixture('vitest-verbose.txt'));
    expect(byName(plain)).toEqual({ ...expected, 'other > works fine': 'passed' });
    expect(plain.find((r) => r.name === 'other > works fine')?.file).toBe('test/other.test.mjs');
  });

  it('reads the JSON reporter', () => {
    const results = parseVitest(fixture('vitest-json.txt'));
    expect(byName(results)).toEqual({ ...expected, 'other > works fine': 'passed' });
    expect(results[0]?.file).toMatch(/^\/repo\/test\/.+\.test\.mjs$/);
  });
});

describe('jest output', () => {
  const expected = {
    'math > add > adds two numbers': 'passed',
    'math > add > adds negatives': 'passed',
    'math > subtracts': 'passed',
    'top-level test': 'passed',
    'strings > capitalizes the first letter': 'failed',
    'strings > handles unicode': 'skipped',
    'strings > supports locales': 'skipped',
  };

  it('reads the --json report out of mixed output', () => {
    expect(byName(parseJest(fixture('jest-json.txt')))).toEqual(expected);
  });

  it('reads the verbose tree and skips failure details', () => {
    const results = parseJest(fixture('jest-verbose.txt'));
    expect(byName(results)).toEqual(expected);
    expect(results.find((r) => r.name === 'math > subtracts')?.file).toBe('src/__tests__/math.test.js');
  });
});

describe('pytest output', () => {
  it('reads the -rA summary: parametrized ids with spaces, xfail/xpass, collection errors', () => {
    expect(byName(parsePytest(fixture('pytest-ra.txt')))).toEqual({
      'tests/test_sample.py::test_passes': 'passed',
      'tests/test_sample.py::test_param[a b]': 'passed',
      'tests/test_sample.py::test_param[c-d]': 'passed',
      'tests/test_sample.py::TestGroup::test_method': 'passed',
      'tests/test_sample.py::test_xfail': 'passed',
      'tests/test_sample.py::test_xpass': 'failed',
      'tests/test_broken_import.py': 'error',
      'tests/test_sample.py::test_uses_broken': 'error',
      'tests/test_sample.py::test_fails': 'failed',
    });
  });

  it('reads -v progress lines too', () => {
    const out = 'tests/test_a.py::test_one PASSED                                    [ 50%]\ntests/test_a.py::test_two FAILED [100%]\n';
    expect(byName(parsePytest(out))).toEqual({ 'tests/test_a.py::test_one': 'passed', 'tests/test_a.py::test_two': 'failed' });
  });
});

describe('python unittest output', () => {
  it('reads -v lines: docstrings, printed output, skips, expected failures, import failures', () => {
    expect(byName(parseUnittest(fixture('unittest-v.txt')))).toEqual({
      'pkg.test_sample.TestOther.test_ok': 'passed',
      'pkg.test_sample.TestSample.test_error': 'error',
      'pkg.test_sample.TestSample.test_expected_failure': 'passed',
      'pkg.test_sample.TestSample.test_fail': 'failed',
      'pkg.test_sample.TestSample.test_ok': 'passed',
      'pkg.test_sample.TestSample.test_prints': 'passed',
      'pkg.test_sample.TestSample.test_skip': 'skipped',
      'pkg.test_sample.TestSample.test_unexpected_success': 'failed',
      'pkg.test_sample.TestSample.test_with_docstring': 'passed',
      test_broken: 'error',
    });
  });

  it('reads the pre-3.11 format and matches ids given in either form', () => {
    const results = parseUnittest(fixture('unittest-v-py38.txt'));
    expect(results).toHaveLength(5);
    expect(canonicalUnittestId('test_fail (pkg.test_sample.TestSample)')).toBe('pkg.test_sample.TestSample.test_fail');
    expect(testVerdicts(['test_ok (pkg.test_sample.TestOther)', 'pkg.test_sample.TestSample.test_fail', 'pkg.test_sample.TestSample.test_gone'], results, 'python-unittest')).toEqual({
      'test_ok (pkg.test_sample.TestOther)': 'passed',
      'pkg.test_sample.TestSample.test_fail': 'failed',
      'pkg.test_sample.TestSample.test_gone': 'missing',
    });
  });

  it('reads a real python3 -m unittest -v run', async () => {
    const dir = await tempDir();
    await writeTree(dir, {
      'pkg/__init__.py': '',
      'pkg/test_real.py': [
        'import unittest',
        '',
        'class TestReal(unittest.TestCase):',
        '    def test_good(self):',
        '        self.assertTrue(True)',
        '',
        '    def test_bad(self):',
        '        self.assertEqual(1, 2)',
        '',
      ].join('\n'),
    });
    let out = '';
    try {
      execFileSync('python3', ['-m', 'unittest', '-v', 'pkg.test_real'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      out = (err as { stderr: string }).stderr;
    }
    expect(byName(parseTestOutput('python-unittest', out))).toEqual({
      'pkg.test_real.TestReal.test_good': 'passed',
      'pkg.test_real.TestReal.test_bad': 'failed',
    });
  });
});

describe('test verdicts', () => {
  it('matches file-qualified ids, counts skips as failures and unseen tests as missing', () => {
    const results: ParsedTest[] = [
      { name: 'a > one', file: '/repo/test/a.test.js', status: 'passed' },
      { name: 'a > one', file: '/repo/test/b.test.js', status: 'failed' },
      { name: 'a > skipped', status: 'skipped' },
      { name: 'a > broken', status: 'error' },
    ];
    expect(testVerdicts(['test/a.test.js > a > one', 'a > one', 'a > skipped', 'a > broken', 'a > nowhere'], results, 'jest')).toEqual({
      'test/a.test.js > a > one': 'passed',
      'a > one': 'failed',
      'a > skipped': 'failed',
      'a > broken': 'error',
      'a > nowhere': 'missing',
    });
  });

  it('finds nothing in output that is not a test report', () => {
    for (const framework of ['node-test', 'vitest', 'jest', 'pytest', 'python-unittest'] as const) {
      expect(parseTestOutput(framework, 'sh: 1: npx: not found\nsomething else went wrong\n')).toEqual([]);
    }
  });
});

describe('patch fingerprint (the voting key of code answers)', () => {
  it('groups the same edit made at other offsets, and abstains on an empty patch', async () => {
    const { patchFingerprint } = await import('../src/scoring/evaluate.js');
    const a = 'diff --git a/x.js b/x.js\nindex 111..222 100644\n--- a/x.js\n+++ b/x.js\n@@ -1,3 +1,3 @@\n ctx\n-  return a - b;\n+  return a + b;\n';
    const b = 'diff --git a/x.js b/x.js\nindex 333..444 100644\n--- a/x.js\n+++ b/x.js\n@@ -10,3 +10,3 @@\n other ctx\n-  return a - b;\n+  return a + b;   \n';
    const c = a.replace('a + b', 'b + a');
    expect(patchFingerprint(a)).toMatch(/^patch:[0-9a-f]{16}$/);
    expect(patchFingerprint(a)).toBe(patchFingerprint(b));
    expect(patchFingerprint(a)).not.toBe(patchFingerprint(c));
    expect(patchFingerprint('')).toBeUndefined();
  });
});
