import { describe, expect, it } from 'vitest';
import { TrajectorySchema, messagesOf, type TrajectorySample } from './trajectory.js';
import { emptyUsage } from './usage.js';

const step = { reward: 0, terminated: false, truncated: false, info: {}, usage: emptyUsage(), ms: 1 };

describe('messagesOf', () => {
  it('puts each turn before its observations: tool results for tool calls, user messages otherwise', () => {
    const sample: TrajectorySample = {
      index: 0,
      opening: [{ role: 'system', content: 's' }, { role: 'user', content: 'task' }],
      transitions: [
        { ...step, action: { kind: 'invalid', message: { content: 'no call', finishReason: 'stop' } }, observation: 'Error: no tool call.' },
        {
          ...step,
          action: { kind: 'tool_call', tool: 'a', callId: 'c1', message: { content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'a', arguments: '{}' } }, { id: 'c2', type: 'function', function: { name: 'b', arguments: '{}' } }], reasoning: 'r', finishReason: 'tool_calls' } },
          observation: 'A',
        },
        { ...step, action: { kind: 'tool_call', tool: 'b', callId: 'c2' }, observation: 'B', terminated: true, reward: 1 },
        { ...step, action: { kind: 'feedback' }, observation: 'try again' },
      ],
      tail: { message: { content: 'cut', finishReason: 'disconnected' }, usage: emptyUsage(), ms: 1 },
    };
    expect(messagesOf(sample)).toEqual([
      { role: 'system', content: 's' },
      { role: 'user', content: 'task' },
      { role: 'assistant', content: 'no call' },
      { role: 'user', content: 'Error: no tool call.' },
      { role: 'assistant', content: null, tool_calls: sample.transitions[1]!.action.message!.tool_calls, reasoning: 'r' },
      { role: 'tool', tool_call_id: 'c1', content: 'A' },
      { role: 'tool', tool_call_id: 'c2', content: 'B' },
      { role: 'user', content: 'try again' },
      { role: 'assistant', content: 'cut' },
    ]);
  });
});

describe('TrajectorySchema', () => {
  it('takes only its own format', () => {
    const file = { format: 2, episodeId: 'e', taskId: 't', testDouble: false, samples: [] };
    expect(TrajectorySchema.parse(file)).toEqual(file);
    expect(TrajectorySchema.safeParse({ ...file, format: 1 }).success).toBe(false);
  });
});
