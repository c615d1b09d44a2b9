import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InstanceSchema } from '../src/tasks/instance-schema.js';
import { outputTail, verdictsOfOutput } from '../src/scoring/read-verdicts.js';
import { testArgs, testInvocation } from '../src/scoring/test-command.js';
import { cleanTempDirs, tempDir, writeTree } from './helpers.js';

// Fixtures named *-default* were captured from real runs (python 3.8.18, 3.11.7, 3.12.1, 3.13.0; pytest 9.0.3;
// vitest 4.1.12; jest 29.7.0), with paths rewritten to /repo and pytest's plugin banner lines dropped.
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

afterAll(cleanTempDirs);

const UT = 'pkg.tests.test_sample';
/** The ids the unittest fixtures ran, in SWE-bench's 3.11+ form. */
const UT_IDS = {
  ok: `test_ok (${UT}.TestSample.test_ok)`,
  fail: `test_fail (${UT}.TestSample.test_fail)`,
  error: `test_error (${UT}.TestSample.test_error)`,
  prints: `test_prints (${UT}.TestSample.test_prints)`,
  xfail: `test_expected_failure (${UT}.TestSample.test_expected_failure)`,
  xpass: `test_unexpected_success (${UT}.TestSample.test_unexpected_success)`,
  subtests: `test_subtests (${UT}.TestSample.test_subtests)`,
  other: `${UT}.TestOther.test_ok`,
  noSetup: `${UT}.TestNoSetup.test_needs_db`,
  broken: 'pkg.tests.test_broken.TestBroken.test_z',
  gone: 'pkg.tests.test_gone.TestGone.test_q',
};

describe('python unittest default output (no -v)', () => {
  for (const version of ['311', '312', '313']) {
    it(`python ${version[0]}.${version.slice(1)}: failures and errors from the report, passes from the tally, unrun tests never passed`, () => {
      const read = verdictsOfOutput('python-unittest', [fixture(`unittest-default-py${version}.txt`)], Object.values(UT_IDS));
      expect(read.tests).toEqual({
        [UT_IDS.ok]: 'passed',
        [UT_IDS.fail]: 'failed',
        [UT_IDS.error]: 'error',
        [UT_IDS.prints]: 'passed',
        [UT_IDS.xfail]: 'passed',
        [UT_IDS.xpass]: 'failed',
        // one subtest of three failed
        [UT_IDS.subtests]: 'failed',
        [UT_IDS.other]: 'passed',
        // setUpClass failed: it never ran
        [UT_IDS.noSetup]: 'missing',
        // the module does not import / does not exist: `unittest.loader._FailedTest`
        [UT_IDS.broken]: 'missing',
        [UT_IDS.gone]: 'missing',
      });
      expect(read.notes.join('\n')).toMatch(/4 listed test\(s\) passed without being named/);
    });
  }

  it('python 3.8 does not name unexpected successes: nothing unnamed counts as passed then', () => {
    const read = verdictsOfOutput('python-unittest', [fixture('unittest-default-py38.txt')], Object.values(UT_IDS));
    expect(read.tests[UT_IDS.fail]).toBe('failed');
    expect(read.tests[UT_IDS.ok]).toBe('missing');
    expect(read.tests[UT_IDS.xpass]).toBe('missing');
    expect(read.notes.join('\n')).toMatch(/1 test\(s\) there were skipped or passed unexpectedly/);
  });

  it('needs the tally: a run cut off before `Ran N tests` settles nothing unnamed', () => {
    const cut = fixture('unittest-default-py311.txt').split('\nRan ')[0] ?? '';
    const read = verdictsOfOutput('python-unittest', [cut], [UT_IDS.ok, UT_IDS.fail]);
    expect(read.tests).toEqual({ [UT_IDS.ok]: 'missing', [UT_IDS.fail]: 'failed' });
  });

  it('reads a real python3 -m unittest run: OK, FAILED, a skip that leaves unnamed tests unsettled, a missing module', async () => {
    const dir = await tempDir();
    await writeTree(dir, {
      'calc/__init__.py': 'def add(a, b):\n    return a + b\n',
      'tests/__init__.py': '',
      'tests/test_calc.py': [
        'import unittest',
        'from calc import add',
        '',
        '',
        'class TestAdd(unittest.TestCase):',
        '    def test_small(self):',
        '        self.assertEqual(add(1, 2), 3)',
        '',
        '    def test_negative(self):',
        '        self.assertEqual(add(-1, -2), -3)',
        '',
        '    def test_wrong(self):',
        '        self.assertEqual(add(2, 2), 5)',
        '',
        '    @unittest.skip("later")',
        '    def test_later(self):',
        '        pass',
        '',
      ].join('\n'),
    });
    const run = (ids: string[]) => {
      const res = spawnSync('python3', ['-m', 'unittest', ...ids], { cwd: dir, encoding: 'utf8', env: { ...process.env, PYTHONPATH: '.' } });
      return `${res.stdout}${res.stderr}`;
    };
    const small = 'tests.test_calc.TestAdd.test_small';
    const negative = 'test_negative (tests.test_calc.TestAdd.test_negative)';
    const wrong = 'tests.test_calc.TestAdd.test_wrong';
    const later = 'tests.test_calc.TestAdd.test_later';
    const gone = 'tests.test_gone.TestGone.test_x';

    const ok = run([small, 'tests.test_calc.TestAdd.test_negative']);
    expect(ok).toMatch(/^OK$/m);
    expect(verdictsOfOutput('python-unittest', [ok], [small, negative]).tests).toEqual({ [small]: 'passed', [negative]: 'passed' });

    const failed = run([small, wrong, gone]);
    expect(verdictsOfOutput('python-unittest', [failed], [small, wrong, gone]).tests).toEqual({ [small]: 'passed', [wrong]: 'failed', [gone]: 'missing' });

    const skipped = run([small, later]);
    const read = verdictsOfOutput('python-unittest', [skipped], [small, later]);
    expect(read.tests).toEqual({ [small]: 'missing', [later]: 'missing' });
    expect(read.readable).toBe(true);
    expect(read.notes[0]).toMatch(/skipped or passed unexpectedly/);
  });
});

describe('pytest default output (no -rA)', () => {
  const ids = [
    'tests/test_sample.py::test_passes',
    'tests/test_sample.py::test_fails',
    'tests/test_sample.py::test_param[a b]',
    'tests/test_sample.py::test_param[c-d]',
    'tests/test_sample.py::test_param[e::f]',
    'tests/test_sample.py::test_xfail',
    'tests/test_sample.py::test_uses_broken',
    'tests/test_sample.py::TestGroup::test_method',
    'tests/test_more.py::test_one',
    'tests/test_many.py::test_n0',
    'tests/test_many.py::test_n119',
  ];

  it('settles unnamed tests per file from the progress letters; a skip makes only its own file unsure', () => {
    const read = verdictsOfOutput('pytest', [fixture('pytest-default.txt')], ids);
    expect(read.tests).toEqual({
      'tests/test_sample.py::test_passes': 'passed',
      'tests/test_sample.py::test_fails': 'failed',
      'tests/test_sample.py::test_param[a b]': 'passed',
      'tests/test_sample.py::test_param[c-d]': 'failed',
      'tests/test_sample.py::test_param[e::f]': 'passed',
      'tests/test_sample.py::test_xfail': 'passed',
      'tests/test_sample.py::test_uses_broken': 'error',
      'tests/test_sample.py::TestGroup::test_method': 'passed',
      // tests/test_more.py has an unnamed skip
      'tests/test_more.py::test_one': 'missing',
      // a file whose progress letters wrap onto a second line
      'tests/test_many.py::test_n0': 'passed',
      'tests/test_many.py::test_n119': 'passed',
    });
  });

  it('a file that does not collect interrupts the run: its tests and all unnamed ones stay unsettled', () => {
    const read = verdictsOfOutput('pytest', [fixture('pytest-collect-error.txt')], ['tests/test_more.py::test_one', 'tests/test_broken.py::test_z']);
    expect(read.tests).toEqual({ 'tests/test_more.py::test_one': 'missing', 'tests/test_broken.py::test_z': 'missing' });
    expect(read.notes[0]).toMatch(/did not finish its summary/);
  });

  it('reads a real pytest run with and without the -rA the harness adds', async () => {
    const dir = await tempDir();
    await writeTree(dir, {
      'tests/test_x.py': 'import pytest\n\ndef test_a():\n    pass\n\n@pytest.mark.parametrize("v", [1, 2])\ndef test_b(v):\n    assert v == 1\n',
    });
    const wanted = ['tests/test_x.py::test_a', 'tests/test_x.py::test_b[1]', 'tests/test_x.py::test_b[2]'];
    for (const flags of [[], ['-rA']]) {
      const res = spawnSync('python3', ['-m', 'pytest', '-p', 'no:cacheprovider', ...flags, ...wanted], {
        cwd: dir,
        encoding: 'utf8',
        // Third-party plugins installed on the machine only slow the start.
        env: { ...process.env, PYTEST_DISABLE_PLUGIN_AUTOLOAD: '1' },
      });
      expect(verdictsOfOutput('pytest', [res.stdout], wanted).tests).toEqual({
        'tests/test_x.py::test_a': 'passed',
        'tests/test_x.py::test_b[1]': 'passed',
        'tests/test_x.py::test_b[2]': 'failed',
      });
    }
  });
});

describe('jest and vitest default reporters', () => {
  it('jest with several files: failure headings and `Tests:` settle the unnamed passes', () => {
    const read = verdictsOfOutput(
      'jest',
      [fixture('jest-default-two-files.txt')],
      ['math > add > adds two numbers', 'math > fails on purpose', 'src/__tests__/strings.test.js > strings > upper', 'top-level test'],
    );
    expect(read.tests).toEqual({
      'math > add > adds two numbers': 'passed',
      'math > fails on purpose': 'failed',
      'src/__tests__/strings.test.js > strings > upper': 'passed',
      'top-level test': 'passed',
    });
  });

  it('jest: while a test file failed to run, no unnamed test counts as passed (it could be one of that file\'s)', () => {
    const read = verdictsOfOutput(
      'jest',
      [fixture('jest-default.txt')],
      ['math > add > adds two numbers', 'math > fails on purpose', 'src/__tests__/broken.test.js > never runs', 'never runs'],
    );
    expect(read.tests).toEqual({
      'math > add > adds two numbers': 'missing',
      'math > fails on purpose': 'failed',
      'src/__tests__/broken.test.js > never runs': 'missing',
      'never runs': 'missing',
    });
  });

  it('jest with one file prints its tree; jest 29 --json is read out of mixed output', () => {
    expect(verdictsOfOutput('jest', [fixture('jest-default-one-file.txt')], ['top-level test', 'math > fails on purpose', 'math > add > adds negatives']).tests).toEqual({
      'top-level test': 'passed',
      'math > fails on purpose': 'failed',
      'math > add > adds negatives': 'passed',
    });
    expect(verdictsOfOutput('jest', [fixture('jest-json-29.txt')], ['strings > lower', 'math > fails on purpose']).tests).toEqual({
      'strings > lower': 'passed',
      'math > fails on purpose': 'failed',
    });
  });

  it('vitest default: `FAIL file > suite > test`, passes from `Tests`; an unnamed skip leaves them unsettled', () => {
    const ids = ['sum > adds', 'sum > fails', 'sum > nested > deep', 'top level'];
    expect(verdictsOfOutput('vitest', [fixture('vitest-default-noskip.txt')], ids).tests).toEqual({
      'sum > adds': 'passed',
      'sum > fails': 'failed',
      'sum > nested > deep': 'passed',
      'top level': 'passed',
    });
    for (const name of ['vitest-default.txt', 'vitest-default-color.txt']) {
      expect(verdictsOfOutput('vitest', [fixture(name)], ids).tests).toEqual({
        'sum > adds': 'missing',
        'sum > fails': 'failed',
        'sum > nested > deep': 'missing',
        'top level': 'missing',
      });
    }
  });
});

describe('node --test default reporter', () => {
  it('reads a real `node --test FILES` run (TAP when piped on node 20, spec on a terminal or node 23+)', async () => {
    const dir = await tempDir();
    await writeTree(dir, {
      'test/a.test.mjs': "import { describe, it } from 'node:test';\nimport assert from 'node:assert/strict';\ndescribe('slug', () => {\n  it('lowercases', () => {});\n  it('trims', () => assert.equal(' a'.trim(), ' a'));\n});\n",
      'test/b.test.mjs': "import { test } from 'node:test';\ntest('top', () => {});\n",
    });
    let out = '';
    try {
      out = execFileSync(process.execPath, ['--test', 'test/a.test.mjs', 'test/b.test.mjs'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      out = (err as { stdout: string }).stdout;
    }
    expect(verdictsOfOutput('node-test', [out], ['slug > lowercases', 'slug > trims', 'top']).tests).toEqual({
      'slug > lowercases': 'passed',
      'slug > trims': 'failed',
      top: 'passed',
    });
  });
});

describe('reporter flags the harness adds', () => {
  const instance = (test_command: string, test_framework?: string) =>
    InstanceSchema.parse({ instance_id: 'x', repo: 'r', base_commit: 'abcdef1', problem_statement: 'p', FAIL_TO_PASS: ['t'], test_command, test_framework });
  it('puts -rA / --json / --reporter=json in front of {tests} when the command runs the runner itself', () => {
    expect(testInvocation(instance('python3 -m pytest {tests}'), ['a.py::t'])).toEqual({ command: 'python3 -m pytest -rA a.py::t', added: '-rA' });
    expect(testInvocation(instance('npx jest {tests}'), ['t.test.js'])).toEqual({ command: 'npx jest --json t.test.js', added: '--json' });
    expect(testInvocation(instance('npx vitest run {tests}'), ['t.test.ts']).command).toBe('npx vitest run --reporter=default --reporter=json t.test.ts');
  });
  it('leaves commands alone that choose a reporter, run through a script, or have no {tests}', () => {
    expect(testInvocation(instance('python3 -m pytest -rA {tests}'), ['a.py::t'])).toEqual({ command: 'python3 -m pytest -rA a.py::t' });
    expect(testInvocation(instance('npx vitest run --reporter=verbose {tests}'), [])).toEqual({ command: 'npx vitest run --reporter=verbose' });
    expect(testInvocation(instance('npm test -- {tests}', 'jest'), ['x.js'])).toEqual({ command: 'npm test -- x.js' });
    expect(testInvocation(instance('PYTHONPATH=. python3 -m unittest {tests}'), ['a.B.test_c'])).toEqual({ command: 'PYTHONPATH=. python3 -m unittest a.B.test_c' });
    expect(testInvocation(instance('python3 -m pytest'), ['a.py::t'])).toEqual({ command: 'python3 -m pytest' });
  });
});

describe('unittest output the parser cannot attribute', () => {
  it('a failure header naming no test id makes every unnamed listed test unsure (never passed)', async () => {
    const dir = await tempDir();
    await writeTree(dir, { 'tests/__init__.py': '', 'tests/test_a.py': 'import unittest\n\nclass T(unittest.TestCase):\n    def test_ok(self):\n        pass\n' });
    // unittest cannot load an id in the "name (module.Class.name)" form: it reports an error for it
    const res = spawnSync('python3', ['-m', 'unittest', 'tests.test_a.T.test_ok', 'test_gone (tests.test_a.T.test_gone)'], { cwd: dir, encoding: 'utf8' });
    const output = `${res.stdout}${res.stderr}`;
    expect(output).toMatch(/^ERROR: test_gone \(tests \(unittest\.loader\._FailedTest/m);
    const read = verdictsOfOutput('python-unittest', [output], ['tests.test_a.T.test_ok', 'tests.test_a.T.test_gone']);
    expect(read.tests).toEqual({ 'tests.test_a.T.test_ok': 'missing', 'tests.test_a.T.test_gone': 'missing' });
  });

  it('the harness passes unittest ids in the dotted form whatever form the dataset uses', () => {
    const instance = InstanceSchema.parse({
      instance_id: 'x',
      repo: 'r',
      base_commit: 'abcdef1',
      problem_statement: 'p',
      FAIL_TO_PASS: ['test_a (pkg.mod.T.test_a)'],
      test_command: 'PYTHONPATH=. python3 -m unittest {tests}',
    });
    expect(testInvocation(instance, testArgs(instance, ['test_a (pkg.mod.T.test_a)', 'test_b (pkg.mod.T)', 'pkg.mod.T.test_c'], [])).command).toBe(
      'PYTHONPATH=. python3 -m unittest pkg.mod.T.test_a pkg.mod.T.test_b pkg.mod.T.test_c',
    );
  });
});

describe('unreadable output', () => {
  it('shows the last 40 lines, saying how many came before', () => {
    const output = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`).join('\n');
    const tail = outputTail(output).split('\n');
    expect(tail[0]).toBe('[... 60 earlier lines ...]');
    expect(tail.slice(1)).toEqual(Array.from({ length: 40 }, (_, i) => `line ${i + 61}`));
    expect(outputTail('just one\n')).toBe('just one');
  });
});
