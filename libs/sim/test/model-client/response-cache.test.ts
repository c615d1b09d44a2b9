import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimServer } from '../../src/sim-server.js';
import type { SimServer } from '../../src/sim-types.js';
import { withResponseCache } from '@crucible/model';
import { createSimClient } from '../../src/sim-client.js';
import { asked, keyOf, ANSWER_FORMATS } from '../scripted.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSimServer({ seed: 4 });
  sim.registerTask(keyOf('t1'), { kind: 'answer', difficulty: 3, answer: '7', wrongAnswers: ['6', '8'], formats: ANSWER_FORMATS });
});
const dirs: string[] = [];
afterAll(async () => {
  await sim.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const request = (seed: number) => ({ messages: [{ role: 'user' as const, content: 'What is 3 + 4?' }], n: 2, seed, context: asked('t1') });

describe('response cache', () => {
  it('records on a miss, serves a hit without calling the endpoint, and replays exactly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crucible-cassette-'));
    dirs.push(dir);
    const base = createSimClient({ baseUrl: sim.url });
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
    const a = withResponseCache(createSimClient({ baseUrl: sim.url, apiKey: 'sk-one' }), { mode: 'read-write', dir });
    await a.generate({ seed: 5, context: asked('t1'), messages: [{ role: 'user', content: 'q' }] });
    const b = withResponseCache(createSimClient({ baseUrl: sim.url, apiKey: 'sk-two' }), { mode: 'replay', dir });
    await expect(b.generate({ messages: [{ role: 'user', content: 'q' }], context: asked('t1'), seed: 5 })).resolves.toBeDefined();
  });
});
