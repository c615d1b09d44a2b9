import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ComputeSchema, EPISODE_FORMAT_VERSION, type EpisodeRecord, type RunManifest } from '@crucible/core';
import { RunStore } from './run-store.js';

function record(id: string): EpisodeRecord {
  const usage = { calls: 1, promptTokens: 10, completionTokens: 5, cachedTokens: 0, reasoningTokens: 0 };
  return {
    format: EPISODE_FORMAT_VERSION,
    id,
    runId: 'r',
    env: { name: 'math', version: '1.0.0' },
    taskId: `t-${id}`,
    model: { name: 'fake-model', testDouble: true },
    point: 'p',
    compute: ComputeSchema.parse({}),
    epoch: 0,
    seed: 0,
    status: 'ok',
    exitReason: 'submitted',
    score: { value: 1, passed: true, answer: '1', details: {} },
    samples: [],
    usage,
    costUsd: null,
    wallMs: 1,
    steps: 1,
    invalidActions: 0,
    startedAt: new Date(0).toISOString(),
    finishedAt: new Date(0).toISOString(),
  };
}

async function store() {
  const s = new RunStore(await mkdtemp(join(tmpdir(), 'crucible-store-')));
  onTestFinished(() => rm(s.dir, { recursive: true, force: true }));
  await s.init();
  return s;
}

describe('RunStore', () => {
  it('appends concurrently without interleaving and reads back every record', async () => {
    const s = await store();
    await Promise.all(Array.from({ length: 200 }, (_, i) => s.appendEpisode(record(`e${i}`))));
    const ids = await s.recordedIds();
    expect(ids.size).toBe(200);
    const lines = (await readFile(s.episodesPath, 'utf8')).split('\n');
    expect(lines.at(-1)).toBe('');
    for (const line of lines.slice(0, -1)) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('drops a torn last line and keeps the whole ones', async () => {
    const s = await store();
    await s.appendEpisode(record('a'));
    await s.appendEpisode(record('b'));
    const text = await readFile(s.episodesPath, 'utf8');
    await writeFile(s.episodesPath, `${text}{"format":1,"id":"c","ru`);
    expect(await s.repair()).toBe('{"format":1,"id":"c","ru'.length);
    expect([...(await s.recordedIds())]).toEqual(['a', 'b']);
    expect(await s.repair()).toBe(0);
  });

  it('drops a file that holds only a torn line', async () => {
    const s = await store();
    await writeFile(s.episodesPath, '{"format":1,"id":"x"');
    await s.repair();
    expect((await s.recordedIds()).size).toBe(0);
  });

  it('names file:line for a corrupt line in the middle', async () => {
    const s = await store();
    await s.appendEpisode(record('a'));
    const good = await readFile(s.episodesPath, 'utf8');
    await writeFile(s.episodesPath, `${good}{"format":2,"id":5}\n`);
    await expect(s.recordedIds()).rejects.toThrow(/episodes\.jsonl:2: field/);
    await writeFile(s.episodesPath, `${good}{"format":1,"id":5}\n`);
    await expect(s.recordedIds()).rejects.toThrow(/episodes\.jsonl:2: episode format 1 was written by an older Crucible; re-run it/);
  });

  it('writes gzipped trajectories and JSON atomically', async () => {
    const s = await store();
    const rel = await s.writeTrajectory('ep-1', { messages: [{ role: 'user', content: 'hi' }] });
    expect(rel).toBe('trajectories/ep-1.json.gz');
  });

  it('writes run.json validated and reads it through its schema, naming the field that is wrong', async () => {
    const s = await store();
    expect(await s.readRunJson()).toBeUndefined();
    const manifest: RunManifest = {
      format: EPISODE_FORMAT_VERSION,
      runId: 'r',
      createdAt: new Date(0).toISOString(),
      identityHash: 'h',
      env: { name: 'math', version: '1.0.0', config: { count: 3 } },
      model: { name: 'sim', testDouble: true },
      points: [{ label: 'default', compute: {} }],
      epochs: 1,
      seed: 0,
      tasks: { count: 1, ids: ['t'] },
    };
    await s.writeRunJson(manifest);
    expect(await s.readRunJson()).toEqual(manifest);
    await expect(s.writeRunJson({ ...manifest, epochs: 0 })).rejects.toThrow();
    await s.writeJson('run.json', { ...manifest, model: { name: 'sim' } });
    await expect(s.readRunJson()).rejects.toThrow(/run\.json: field model\.testDouble: /);
  });

  it('says a run of another episode format was written by another version', async () => {
    const s = await store();
    await writeFile(s.episodesPath, `${JSON.stringify({ ...record('a'), format: 0 })}\n`);
    await expect(s.recordedIds()).rejects.toThrow(/episodes\.jsonl:1: episode format 0 was written by an older Crucible; re-run it/);
  });
});

describe('RunStore repair, the hard cases', () => {
  it('drops a torn line longer than the read chunk completely', async () => {
    const s = await store();
    await s.appendEpisode(record('a'));
    const text = await readFile(s.episodesPath, 'utf8');
    await writeFile(s.episodesPath, `${text}{"format":1,"id":"big","x":"${'y'.repeat(1_300_000)}`);
    await s.repair();
    expect(await readFile(s.episodesPath, 'utf8')).toBe(text);
    await s.appendEpisode(record('b'));
    expect([...(await s.recordedIds())]).toEqual(['a', 'b']);
  });

  it('keeps a whole last record that only lacks its newline', async () => {
    const s = await store();
    await s.appendEpisode(record('a'));
    await writeFile(s.episodesPath, `${await readFile(s.episodesPath, 'utf8')}${JSON.stringify(record('b'))}`);
    expect(await s.repair()).toBe(0);
    expect([...(await s.recordedIds())]).toEqual(['a', 'b']);
  });

  it('latestEpisodes yields one record per id, the last written', async () => {
    const s = await store();
    await s.appendEpisode({ ...record('a'), status: 'error' });
    await s.appendEpisode(record('b'));
    await s.appendEpisode(record('a'));
    const latest = [];
    for await (const r of s.latestEpisodes()) latest.push(`${r.id}:${r.status}`);
    expect(latest).toEqual(['b:ok', 'a:ok']);
    expect([...(await s.recordedIds())].sort()).toEqual(['a', 'b']);
  });
});
