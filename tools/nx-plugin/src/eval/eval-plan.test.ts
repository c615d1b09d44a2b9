import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvalUsageError, planEval, type EvalRequest } from './eval-plan';

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'crucible-eval-plan-'));
  await writeFile(join(cwd, 'tasks.jsonl'), '{}\n');
});
afterAll(() => rm(cwd, { recursive: true, force: true }));

const request = (over: Partial<EvalRequest> = {}): EvalRequest => ({
  mode: 'cached',
  envName: 'math',
  project: '@crucible/env-math',
  cassette: 'cassettes/math',
  flags: ['--tasks', '20'],
  vars: {},
  cwd,
  ...over,
});

describe('planEval', () => {
  it('runs the sim into the target\'s own run directory, with the user\'s flags last', () => {
    const plan = planEval(request({ flags: ['--tasks', '20', '--samples=4'] }));
    expect(plan.runDir).toBe('runs/nx/math-eval');
    expect(plan.cliArgs).toEqual(['run', '--env', 'math', '--model', 'sim', '--out', 'runs/nx', '--run-id', 'math-eval', '--tasks', '20', '--samples=4']);
  });

  it('passes the configured dataset and the cassette when a response cache is on', () => {
    const plan = planEval(request({ dataset: 'data/x.jsonl', vars: { CRUCIBLE_MODEL: 'gpt-4o-mini', CRUCIBLE_EVAL_CACHE: 'replay' } }));
    expect(plan.cliArgs).toEqual(expect.arrayContaining(['--model', 'gpt-4o-mini', '--dataset', 'data/x.jsonl', '--cache', 'replay', '--cache-dir', 'cassettes/math']));
  });

  it('refuses a live model in the cached target and points to eval-live or a replay', () => {
    for (const cache of [undefined, 'off', 'read-write']) {
      expect(() => planEval(request({ vars: { CRUCIBLE_MODEL: 'gpt-4o-mini', CRUCIBLE_EVAL_CACHE: cache } }))).toThrow(
        /CRUCIBLE_MODEL=gpt-4o-mini is a real endpoint.*nx run @crucible\/env-math:eval-live.*CRUCIBLE_EVAL_CACHE=replay/,
      );
    }
    expect(planEval(request({ mode: 'live', vars: { CRUCIBLE_MODEL: 'gpt-4o-mini' } })).runDir).toBe('runs/nx/math-eval-live');
    expect(() => planEval(request({ flags: ['--judge', 'gpt-4o'] }))).toThrow(/--judge .*live endpoint/);
    expect(planEval(request({ flags: ['--judge=sim'] })).cliArgs).toContain('--judge=sim');
  });

  it('rejects flags the target owns, in both targets', () => {
    for (const mode of ['cached', 'live'] as const) {
      for (const flag of ['--model', '--base-url=http://x', '--out', '--run-id', '--cache', '--cache-dir', '--env']) {
        expect(() => planEval(request({ mode, flags: [flag, 'v'] })), flag).toThrow(EvalUsageError);
      }
    }
    expect(() => planEval(request({ flags: ['--model', 'sim'] }))).toThrow(/--model cannot be passed to the eval target of @crucible\/env-math: set CRUCIBLE_MODEL/);
  });

  it('rejects, in the cached target only, flags whose files the cache key cannot see', () => {
    for (const flags of [['--dataset', 'tasks.jsonl'], ['--config=run.json'], ['--env-config', 'dataset=tasks.jsonl'], ['--env-config', `repos=${cwd}`]]) {
      expect(() => planEval(request({ flags })), flags.join(' ')).toThrow(/eval-live/);
      expect(planEval(request({ mode: 'live', flags })).cliArgs).toEqual(expect.arrayContaining(flags));
    }
    // a value that names no file (a shipped dataset, a number) is hashed as the argument it is
    expect(planEval(request({ flags: ['--env-config', 'dataset=gsm8k-sample', '--env-config=difficulty=3'] })).cliArgs).toContain('dataset=gsm8k-sample');
  });

  it('rejects an unknown CRUCIBLE_EVAL_CACHE', () => {
    expect(() => planEval(request({ vars: { CRUCIBLE_EVAL_CACHE: 'yes' } }))).toThrow(/CRUCIBLE_EVAL_CACHE="yes" is not one of off, read-write, replay/);
  });
});
