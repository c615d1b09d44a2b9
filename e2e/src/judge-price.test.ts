import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { costOf, type EpisodeRecord } from '@crucible/core';
import { crucible, tempDir } from './cli.js';

const POLICY = { input: 1, cachedInput: 0.25, output: 4 }; // the sim's fictional price, which --model sim gets
const JUDGE = { input: 100, output: 300 };

async function records(out: string, runId: string): Promise<EpisodeRecord[]> {
  const text = await readFile(join(out, runId, 'episodes.jsonl'), 'utf8');
  return text.trim().split('\n').map((l) => JSON.parse(l) as EpisodeRecord);
}

describe('judge tokens are priced at the judge\'s rate, not the policy\'s', () => {
  it('keeps the roles apart in usage and cost, each at its own price, and the total is their sum', async () => {
    const out = join(await tempDir(), 'runs');
    const res = await crucible(['run', '--env', 'math', '--model', 'sim', '--judge', 'sim', '--judge-price', `input=${JUDGE.input}`, '--judge-price', `output=${JUDGE.output}`, '--samples', '3', '--aggregate', 'best', '--tasks', '4', '--out', out, '--run-id', 'priced']);
    expect(res.exitCode, res.stderr).toBe(0);
    const rs = await records(out, 'priced');
    expect(rs).toHaveLength(4);
    for (const r of rs) {
      expect(r.judgeUsage?.calls).toBe(3); // one verdict per sample
      expect(r.usage.calls).toBeGreaterThan(0);
      expect(r.cost!.policy).toBeCloseTo(costOf(r.usage, POLICY), 10);
      expect(r.cost!.judge).toBeCloseTo(costOf(r.judgeUsage!, JUDGE), 10);
      expect(r.costUsd).toBeCloseTo(r.cost!.policy! + r.cost!.judge!, 10);
      // at the policy's rate the judge would cost far less: the price really is the judge's
      expect(r.cost!.judge!).toBeGreaterThan(costOf(r.judgeUsage!, POLICY) * 10);
    }
    const manifest = JSON.parse(await readFile(join(out, 'priced', 'run.json'), 'utf8'));
    expect(manifest.judgePrice).toMatchObject({ ...JUDGE, source: 'flag' });
  }, 120_000);

  it('refuses a cost budget with a judge whose price is unknown, before any call', async () => {
    const out = join(await tempDir(), 'runs');
    const res = await crucible(['run', '--env', 'math', '--model', 'sim', '--judge', 'gpt-judge', '--judge-base-url', 'http://127.0.0.1:9/v1', '--samples', '2', '--aggregate', 'best', '--max-run-cost', '1', '--tasks', '2', '--out', out]);
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toMatch(/a cost budget with a judge needs the judge's price \(judge "gpt-judge"\)/);
    expect(res.stderr).toMatch(/--judge-price/);
  }, 60_000);
});
