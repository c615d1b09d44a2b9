import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelClient } from '../client/create-model-client.js';
import { startSimServer } from '../sim/sim-server.js';
import type { SimServer } from '../sim/sim-types.js';
import { withResponseCache } from './response-cache.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSimServer({ seed: 4 });
  sim.registerTask('t1', { kind: 'answer', difficulty: 3, answer: '7', wrongAnswers: ['6', '8'] });
});
const dirs: string[] = [];
afterAll(async () => {
  await sim.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const request = (seed: number) => ({ messages: [{ role: 'user' as const, content: 'What is 3 + 4?' }], n: 2, seed, simTaskKey: 't1' });

describe('response cache', () => {
  it('records on a miss, serves a hit without calling the endpoint, and replays exactly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crucible-cassette-'));
    dirs.push(dir);
    const base = createModelClient({ model: 'sim', baseUrl: sim.url, sim: true });
    const recorder = withResponseCache(base, { mode: 'read-write', dir });
    sim.resetStats();
    const first = await recorder.generate(request(1));
    const again = await recorder.generate(request(1));
    expect(sim.stats().requests).toBe(1);
    expect(recorder.stats()).toEqual({ hits: 1, misses: 1 });
    expect(again.choices).toEqual(first.choices);
    expect(again.usage).toEqual(first.usage);
    expect((await readdir(dir)).length).toBe(1);

    const replay = withResponseCache(base, { mode: 'replay', dir });
    expect((await replay.generate(request(1))).choices).toEqual(first.choices);
    expect(sim.stats().requests).toBe(1);
    // a different seed is a different request: a replay miss is a clear user error
    await expect(replay.generate(request(2))).rejects.toMatchObject({ code: 'cache_miss', family: 'user' });
  });

  it('keys ignore the API key and object key order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crucible-cassette-'));
    dirs.push(dir);
    const a = withResponseCache(createModelClient({ model: 'sim', baseUrl: sim.url, sim: true, apiKey: 'sk-one' }), { mode: 'read-write', dir });
    await a.generate({ seed: 5, simTaskKey: 't1', messages: [{ role: 'user', content: 'q' }] });
    const b = withResponseCache(createModelClient({ model: 'sim', baseUrl: sim.url, sim: true, apiKey: 'sk-two' }), { mode: 'replay', dir });
    await expect(b.generate({ messages: [{ role: 'user', content: 'q' }], simTaskKey: 't1', seed: 5 })).resolves.toBeDefined();
  });
});
