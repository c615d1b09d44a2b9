import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EpisodeRecordSchema, TrajectorySchema, messagesOf } from '@crucible/core';
import { buildSuite } from '@crucible/env-code-repo';
import { crucible, tempDir } from './cli.js';

interface Instance {
  instance_id: string;
  patch: string;
}

describe('code-repo end to end (real git repos, bwrap sandbox, the sim over real HTTP)', () => {
  it('grades reference and empty predictions from another tool: reference resolves all, empty none', async () => {
    const dir = await tempDir();
    const suite = await buildSuite(join(dir, 'suite'));
    const instances = (await readFile(suite.datasetPath, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Instance);
    expect(instances.length).toBeGreaterThanOrEqual(10);
    const preds = join(dir, 'preds.jsonl');
    // reference patches for all, except the first two get an empty patch and one patch that does not apply
    await writeFile(
      preds,
      instances
        .map((inst, i) => JSON.stringify({ instance_id: inst.instance_id, model_patch: i === 0 ? '' : i === 1 ? 'diff --git a/nope b/nope\n--- a/nope\n+++ b/nope\n@@ -1 +1 @@\n-x\n+y\n' : inst.patch }))
        .join('\n'),
    );
    const report = join(dir, 'report.json');
    const res = await crucible(['grade', 'code-repo', '--dataset', suite.datasetPath, '--predictions', preds, '--repos', suite.repos, '--report', report], { timeout: 300_000 });
    expect(res.exitCode, res.stderr).toBe(0);
    const graded = JSON.parse(await readFile(report, 'utf8'));
    expect(graded.total).toBe(instances.length);
    expect(graded.resolved_ids).toHaveLength(instances.length - 2);
    expect(graded.unresolved_ids.sort()).toEqual([instances[0]!.instance_id, instances[1]!.instance_id].sort());
    expect(graded.per_instance[instances[1]!.instance_id].reason).toMatch(/appl/i);
  }, 300_000);

  it('crucible run --env code-repo --model sim writes the same run directory and table as math', async () => {
    const out = await tempDir();
    const res = await crucible(['run', '--env', 'code-repo', '--model', 'sim', '--tasks', '4', '--concurrency', '2', '--out', out, '--run-id', 'cr'], { timeout: 300_000 });
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/SIMULATED/);
    expect(res.stdout).toMatch(/accuracy/);
    const episodes = (await readFile(join(out, 'cr', 'episodes.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => EpisodeRecordSchema.parse(JSON.parse(l)));
    expect(episodes).toHaveLength(4);
    for (const e of episodes) {
      expect(e.status).toBe('ok');
      expect(e.steps).toBeGreaterThanOrEqual(3);
      expect(e.score.details['status']).toMatch(/resolved|unresolved/);
      expect(typeof e.score.details['model_patch']).toBe('string');
    }
    // the sim applies the reference fix with some probability: its edits reach the recorded patch
    expect(episodes.some((e) => String(e.score.details['model_patch']).includes('+'))).toBe(true);
    // each trajectory holds one transition per tool call, with the environment's reward, info and observation
    for (const e of episodes) {
      const trajectory = TrajectorySchema.parse(JSON.parse(gunzipSync(await readFile(join(out, 'cr', e.trajectory!))).toString()));
      const sample = trajectory.samples[0]!;
      const steps = sample.transitions.filter((t) => t.action.kind === 'tool_call');
      expect(steps).toHaveLength(e.steps);
      for (const t of steps) {
        expect(typeof t.reward).toBe('number');
        expect(t.info['tool']).toBe(t.action.tool);
        expect(t.observation.length).toBeGreaterThan(0);
      }
      const toolReplies = messagesOf(sample).filter((m) => m.role === 'tool').map((m) => m.content);
      expect(toolReplies).toEqual(sample.transitions.filter((t) => t.action.callId !== undefined).map((t) => t.observation));
    }
  }, 300_000);
});

describe('sweep on code-repo', () => {
  it('runs a grid end to end and reads k-curves off one pool per task', async () => {
    const out = await tempDir();
    const res = await crucible(
      ['sweep', '--env', 'code-repo', '--model', 'sim', '--tasks', '2', '--grid', 'samples=1,2', '--grid', 'reasoningEffort=low,high', '--concurrency', '2', '--out', out, '--run-id', 'crs'],
      { timeout: 300_000 },
    );
    expect(res.exitCode, res.stderr).toBe(0);
    const served = /sim served (\d+) samples/.exec(res.stdout);
    // multi-turn: each sample is its own trajectory of several calls; the pool holds 2 samples per task and setting
    const file = JSON.parse(await readFile(join(out, 'crs', 'summary.json'), 'utf8'));
    expect(file.summary.points).toHaveLength(2);
    expect(file.summary.kCurves.map((k: { k: number }) => k.k).sort()).toEqual([1, 1, 2, 2]);
    expect(file.curves.length).toBe(4);
    expect(served).not.toBeNull();
    const episodes = (await readFile(join(out, 'crs', 'episodes.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(episodes).toHaveLength(4);
    expect(episodes.every((e) => e.samples.length === 2)).toBe(true);
  }, 300_000);
});

describe('bad code-repo instances', () => {
  it('a malformed line, a missing base_commit and a non-applying test_patch are error episodes; the rest run', async () => {
    const dir = await tempDir();
    const suite = await buildSuite(join(dir, 'suite'));
    const [good, second, third] = (await readFile(suite.datasetPath, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const lines = [
      JSON.stringify(good),
      '{"instance_id": "broken", "repo": ',
      JSON.stringify({ ...second, instance_id: 'no-commit', base_commit: 'f'.repeat(40) }),
      JSON.stringify({ ...third, instance_id: 'bad-test-patch', test_patch: 'diff --git a/zz b/zz\n--- a/zz\n+++ b/zz\n@@ -1 +1 @@\n-nothing here\n+x\n' }),
    ];
    const dataset = join(dir, 'mixed.jsonl');
    await writeFile(dataset, `${lines.join('\n')}\n`);
    const res = await crucible(['run', '--env', 'code-repo', '--model', 'sim', '--dataset', dataset, '--env-config', `repos=${suite.repos}`, '--out', dir, '--run-id', 'mixed'], { timeout: 300_000 });
    // errors are recorded as results, and the run exits 1 so CI notices
    expect(res.exitCode, res.stderr).toBe(1);
    expect(res.stdout).toMatch(/3 episodes ended in error/);
    const episodes = (await readFile(join(dir, 'mixed', 'episodes.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(episodes).toHaveLength(4);
    const byId = (fragment: string) => episodes.find((e) => e.taskId.includes(fragment));
    expect(byId(good.instance_id).status).toBe('ok');
    expect(episodes.filter((e) => e.status === 'error')).toHaveLength(3);
    expect(episodes.find((e) => e.status === 'error' && /mixed\.jsonl:2/.test(e.error.message))).toBeDefined();
    expect(byId('no-commit').error.message).toMatch(/no-commit/);
    expect(byId('bad-test-patch').error.message).toMatch(/bad-test-patch/);
  }, 300_000);
});
