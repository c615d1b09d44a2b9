import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, crucible, tempDir } from './cli.js';

describe('examples/ (the files the README names)', () => {
  it('math-cases.jsonl: every verdict matches its label', async () => {
    const res = await crucible(['grade', 'math', '--jsonl', 'examples/math-cases.jsonl', '--min-agreement', '1']);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/agreement: (\d+)\/\1 \(100\.0%\)/);
    const labels = (await readFile(join(ROOT, 'examples/math-cases.jsonl'), 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as { equal: boolean }).equal);
    const verdicts = res.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { equal: boolean }).equal);
    expect(verdicts).toEqual(labels);
    expect(labels).toContain(true);
    expect(labels).toContain(false);
  });

  it('code-repo tasks + predictions: the fix resolves the task, the wrong patch does not', async () => {
    const args = ['grade', 'code-repo', '--dataset', 'examples/code-repo/tasks.jsonl', '--predictions'];
    const [right, wrong] = await Promise.all([crucible([...args, 'examples/code-repo/predictions.jsonl']), crucible([...args, 'examples/code-repo/predictions-wrong.jsonl'])]);
    expect(right.exitCode, right.stderr).toBe(0);
    expect(JSON.parse(right.stdout)).toMatchObject({ resolved_ids: ['example__tiny-calc-1'], error_ids: [] });
    expect(JSON.parse(wrong.stdout)).toMatchObject({ unresolved_ids: ['example__tiny-calc-1'], error_ids: [] });
  });

  it('math-sweep.config.json drives a sweep', async () => {
    const out = await tempDir('crucible-examples-');
    try {
      const res = await crucible(['sweep', '--config', 'examples/math-sweep.config.json', '--out', out, '--run-id', 'example-sweep']);
      expect(res.exitCode, res.stderr).toBe(0);
      expect(res.stdout).toMatch(/reasoningEffort=high/);
      const summary = JSON.parse(await readFile(join(out, 'example-sweep', 'summary.json'), 'utf8')) as { summary: { points: unknown[] } };
      expect(summary.summary.points).toHaveLength(2);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
