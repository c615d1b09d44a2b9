import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { EpisodeRecordSchema, TrajectorySchema, messagesOf } from '@crucible/core';
import { crucible, tempDir } from './cli.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function episodes(runDir: string) {
  const text = await readFile(join(runDir, 'episodes.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => EpisodeRecordSchema.parse(JSON.parse(l)));
}

describe('reasoning models through the CLI (sim over real HTTP, streamed)', () => {
  it('completes a run of 10-minute-equivalent generations with no re-billed retries, reasoning stored apart and not graded', async () => {
    const out = await tempDir();
    dirs.push(out);
    // Up to 30k thinking tokens per generation, ~10 minutes at 50 tokens/s, played at 40k tokens/s.
    const res = await crucible([
      'run', '--env', 'math', '--model', 'sim', '--tasks', '6', '--out', out, '--run-id', 'long',
      '--thinking-tokens', '30000', '--reasoning-effort', 'high', '--sim-thinking', 'think-tags', '--sim-tokens-per-second', '40000', '--idle-timeout', '5',
    ]);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/SIMULATED/);
    // one request per episode: nothing was sent twice
    expect(res.stdout).toContain('sim served 6 samples in 6 requests');
    const runDir = join(out, 'long');
    const records = await episodes(runDir);
    expect(records).toHaveLength(6);
    for (const r of records) {
      expect(r.status).toBe('ok');
      expect(r.usage.calls).toBe(1);
      expect(r.usage.reasoningTokens).toBeGreaterThan(5_000);
      expect(r.samples[0]!.generation).toBeUndefined();
      expect(r.score.answer ?? '').not.toMatch(/think/);
      const trajectory = TrajectorySchema.parse(JSON.parse(gunzipSync(await readFile(join(runDir, r.trajectory!))).toString()));
      const assistant = messagesOf(trajectory.samples[0]!).find((m) => m.role === 'assistant') as { content: string; reasoning?: string };
      expect(assistant.content).not.toContain('<think>');
      expect(assistant.content).toMatch(/^\[sim\] after \d+ thinking tokens:/);
      expect(assistant.reasoning!.length).toBe(r.usage.reasoningTokens * 4);
    }
    expect(await readdir(join(runDir, 'trajectories'))).toHaveLength(6);
  });

  it('sweeps thinkingTokens and prints the score-vs-compute curve, charging reasoning tokens', async () => {
    const out = await tempDir();
    dirs.push(out);
    const res = await crucible(['sweep', '--env', 'math', '--model', 'sim', '--tasks', '8', '--grid', 'thinkingTokens=1024,4096,16384', '--out', out, '--run-id', 'sweep']);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/Score against compute per task/);
    for (const budget of [1024, 4096, 16384]) expect(res.stdout).toContain(`thinkingTokens=${budget}`);
    const records = await episodes(join(out, 'sweep'));
    const tokensAt = (budget: number) => records.filter((r) => r.compute.sampling.thinkingTokens === budget).reduce((n, r) => n + r.usage.completionTokens, 0);
    expect(tokensAt(1024)).toBeLessThan(tokensAt(4096));
    expect(tokensAt(4096)).toBeLessThan(tokensAt(16384));
    // stored in the groups (not only read so): the first line as written
    const stored = JSON.parse((await readFile(join(out, 'sweep', 'episodes.jsonl'), 'utf8')).split('\n')[0]!) as { compute: Record<string, unknown> };
    expect(Object.keys(stored.compute).sort()).toEqual(['limits', 'sampling', 'strategy', 'transport']);
    for (const r of records) expect(r.usage.reasoningTokens).toBeLessThanOrEqual(r.compute.sampling.thinkingTokens!);
  });

  it('sweeps budgets under s1 budget forcing, the budget coming from the grid', async () => {
    const out = await tempDir();
    dirs.push(out);
    const res = await crucible(['sweep', '--env', 'math', '--model', 'sim', '--tasks', '3', '--grid', 'thinkingTokens=1024,2048', '--budget-forcing', 'stop', '--reasoning-effort', 'high', '--sim-thinking', 'think-tags', '--out', out, '--run-id', 'forced']);
    expect(res.exitCode, res.stderr).toBe(0);
    const records = await episodes(join(out, 'forced'));
    expect(records).toHaveLength(6);
    for (const r of records) {
      expect(r.samples[0]!.generation).toEqual({ forcedStops: 1 });
      expect(r.usage.calls).toBe(2);
      expect(r.usage.reasoningTokens).toBe(r.compute.sampling.thinkingTokens);
    }
  });

  it('refuses budget forcing without a budget, before any model call', async () => {
    const res = await crucible(['run', '--env', 'math', '--model', 'sim', '--tasks', '1', '--budget-forcing', 'stop']);
    expect(res.exitCode).not.toBe(0);
    expect(res.stderr).toMatch(/budget forcing "stop" needs thinkingTokens/);
  });
});
