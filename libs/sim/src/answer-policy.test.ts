import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelClient, ModelRequest } from '@crucible/model';
import { startSimServer } from './sim-server.js';
import type { SimServer } from './sim-types.js';
import { createSimClient } from './sim-client.js';
import { ANSWER_FORMATS, asked, keyOf } from '../test/scripted.js';

const RIGHT = '7';
const WRONG = ['3', '5', '9'];
let server: SimServer;
let client: ModelClient;

beforeAll(async () => {
  server = await startSimServer({ seed: 11 });
  for (const d of [1, 3, 5]) server.registerTask(keyOf(`d${d}`), { kind: 'answer', difficulty: d, answer: RIGHT, wrongAnswers: WRONG, formats: ANSWER_FORMATS });
  server.registerTask(keyOf('styled'), { kind: 'answer', difficulty: 2, answer: RIGHT, wrongAnswers: WRONG, formats: ['#### {answer}'] });
  client = createSimClient({ baseUrl: server.url });
});
afterAll(() => server.close());

function finalAnswer(content: string | null): string | undefined {
  const last = content?.split('\n').at(-1) ?? '';
  return (/^#### (.+)$/.exec(last) ?? /^\\boxed\{(.+)\}$/.exec(last) ?? /^The answer is (.+)\.$/.exec(last))?.[1];
}

/** 300 draws: three requests of n=100 with fixed seeds. */
async function draws(req: Omit<ModelRequest, 'messages' | 'n' | 'seed'>): Promise<Array<string | undefined>> {
  const out: Array<string | undefined> = [];
  for (const seed of [1, 2, 3]) {
    const res = await client.generate({ ...req, messages: [{ role: 'user', content: 'Solve it.' }], n: 100, seed });
    out.push(...res.choices.map((c) => finalAnswer(c.message.content)));
  }
  return out;
}

const accuracy = (answers: Array<string | undefined>) => answers.filter((a) => a === RIGHT).length / answers.length;
const share = (answers: Array<string | undefined>, value: string) => answers.filter((a) => a === value).length / answers.length;

describe('answer policy', () => {
  it('writes [sim] steps and a final answer from the hint', async () => {
    const answers = await draws({ context: asked('d3') });
    expect(answers.every((a) => a === RIGHT || WRONG.includes(a as string))).toBe(true);
  });

  it('gets more accurate with effort', async () => {
    const minimal = accuracy(await draws({ context: asked('d3'), reasoningEffort: 'minimal' }));
    const high = accuracy(await draws({ context: asked('d3'), reasoningEffort: 'high' }));
    expect(high - minimal).toBeGreaterThan(0.1);
  });

  it('gets less accurate with difficulty, and the modal answer turns wrong', async () => {
    const easy = await draws({ context: asked('d1') });
    const hard = await draws({ context: asked('d5') });
    expect(accuracy(easy)).toBeGreaterThan(0.8);
    expect(accuracy(hard)).toBeLessThan(0.4);
    // Where a wrong answer is modal, majority voting converges on it.
    expect(share(hard, WRONG[0] as string)).toBeGreaterThan(accuracy(hard));
  });

  it('spreads wrong answers out as temperature rises', async () => {
    const firstWrongShare = (answers: Array<string | undefined>) => {
      const wrong = answers.filter((a) => a !== RIGHT);
      return share(wrong, WRONG[0] as string);
    };
    const cold = firstWrongShare(await draws({ context: asked('d5'), temperature: 0.2 }));
    const hot = firstWrongShare(await draws({ context: asked('d5'), temperature: 1.8 }));
    expect(cold - hot).toBeGreaterThan(0.2);
  });

  it('uses the hint style when it has one', async () => {
    const res = await client.generate({ messages: [{ role: 'user', content: 'Solve it.' }], n: 10, context: asked('styled') });
    for (const c of res.choices) expect(c.message.content).toMatch(/^\[sim\] step 1: [^\n]+(\n\[sim\] step \d: [^\n]+)*\n#### \d$/);
  });

  it('cuts choices at max tokens, leaving no answer', async () => {
    const res = await client.generate({ messages: [{ role: 'user', content: 'Solve it.' }], n: 5, maxTokens: 5, context: asked('d3') });
    expect(res.usage.completionTokens).toBe(25);
    for (const c of res.choices) {
      expect(c.finishReason).toBe('length');
      expect(finalAnswer(c.message.content)).toBeUndefined();
    }
  });

  it('says so when no hint is registered, and calls an offered submit tool', async () => {
    const submit = { type: 'function' as const, function: { name: 'submit', description: 'done', parameters: { type: 'object', properties: {} } } };
    const plain = await client.generate({ messages: [{ role: 'user', content: 'hi' }], context: asked('nope') });
    const withTools = await client.generate({ messages: [{ role: 'user', content: 'hi' }], tools: [submit] });
    expect(plain.choices[0]?.message.content).toBe('[sim] no task script registered for this request');
    expect(plain.choices[0]?.message.tool_calls).toBeUndefined();
    expect(withTools.choices[0]?.message.tool_calls?.[0]?.function).toEqual({ name: 'submit', arguments: '{}' });
    expect(withTools.choices[0]?.finishReason).toBe('tool_calls');
  });
});
