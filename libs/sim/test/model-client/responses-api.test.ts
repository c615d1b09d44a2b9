import type { FunctionToolDefinition } from '@crucible/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimServer } from '../../src/sim-server.js';
import type { SimServer } from '../../src/sim-types.js';
import type { ModelMessage } from '@crucible/model';
import { createSimClient } from '../../src/sim-client.js';
import type { TaskScript } from '../../src/task-script.js';
import { asked, CODE_TOOLS, keyOf } from '../scripted.js';

const servers: SimServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const CODE_HINT: TaskScript = {
  kind: 'code',
  difficulty: 1,
  testCommand: "npm test",
  tools: CODE_TOOLS,
  patch: ['--- a/add.js', '+++ b/add.js', '@@ -1,3 +1,3 @@', ' export function add(a, b) {', '-  return a - b;', '+  return a + b;', ' }', ''].join('\n'),
};
const tool = (name: string, properties: Record<string, unknown>): FunctionToolDefinition => ({
  type: 'function',
  function: { name, description: name, parameters: { type: 'object', properties, required: Object.keys(properties) } },
});
const TOOLS = [tool('list_dir', { path: { type: 'string' } }), tool('read_file', { path: { type: 'string' } }), tool('edit', { path: { type: 'string' }, old: { type: 'string' }, new: { type: 'string' } }), tool('run', { command: { type: 'string' } }), tool('submit', {})];

describe('the Responses API', () => {
  for (const stream of [true, false]) {
    it(`keeps encrypted reasoning across the turns of a tool-using episode (${stream ? 'streamed' : 'not streamed'})`, async () => {
      const server = await startSimServer();
      servers.push(server);
      server.registerTask(keyOf('code'), CODE_HINT);
      const client = createSimClient({ baseUrl: server.url, api: 'responses', stream });
      const messages: ModelMessage[] = [{ role: 'system', content: 'Fix the bug.' }, { role: 'user', content: 'add() subtracts.' }];
      const turns: string[] = [];
      for (let turn = 0; turn < 6; turn++) {
        const response = await client.generate({ messages, tools: TOOLS, reasoningEffort: 'high', context: asked('code') });
        const choice = response.choices[0]!;
        expect(response.usage.reasoningTokens).toBeGreaterThan(0);
        expect(response.usage.completionTokens).toBeGreaterThan(response.usage.reasoningTokens);
        expect(choice.message.reasoning).toMatch(/^\[sim\] thinking/);
        expect(choice.message.reasoning_items).toHaveLength(1);
        const calls = choice.message.tool_calls ?? [];
        expect(calls.length).toBeGreaterThan(0);
        turns.push(calls.map((c) => c.function.name).join('+'));
        messages.push({ role: 'assistant', content: choice.message.content, tool_calls: calls, reasoning: choice.message.reasoning, reasoning_items: choice.message.reasoning_items });
        for (const call of calls) messages.push({ role: 'tool', tool_call_id: call.id, content: call.function.name === 'run' ? 'tests passed' : 'ok' });
        if (calls.some((c) => c.function.name === 'submit')) break;
      }
      expect(turns.at(-1)).toContain('submit');
      // every turn after the first handed back the reasoning items of all earlier turns
      const n = turns.length;
      expect(server.stats().reasoningItemsReceived).toBe((n * (n - 1)) / 2);
      expect(server.stats().streams).toBe(stream ? n : 0);
    });
  }

  it('refuses n > 1 as unsupported, so samples go out as parallel requests', async () => {
    const server = await startSimServer();
    servers.push(server);
    const client = createSimClient({ baseUrl: server.url, api: 'responses' });
    await expect(client.generate({ messages: [{ role: 'user', content: 'q' }], n: 2 })).rejects.toMatchObject({ code: 'endpoint_error', details: { nUnsupported: true } });
    expect(server.stats().requests).toBe(0);
  });
});
