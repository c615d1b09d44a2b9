import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { emptyUsage, type Trajectory } from '@crucible/core';
import { trajectoryView } from './trajectory-view.js';

const gz = (value: unknown) => gzipSync(Buffer.from(JSON.stringify(value)));

const trajectory: Trajectory = {
  format: 2,
  episodeId: 'ep',
  taskId: 't',
  testDouble: true,
  samples: [
    {
      index: 0,
      opening: [{ role: 'system', content: 'Fix it.' }, { role: 'user', content: 'add() subtracts' }],
      transitions: [
        {
          action: { kind: 'tool_call', tool: 'run', callId: 'c1', input: { command: 'check' }, message: { content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'run', arguments: '{"command":"check"}' } }], finishReason: 'tool_calls' } },
          observation: 'check failed',
          reward: 0,
          terminated: false,
          truncated: false,
          info: {},
          usage: { ...emptyUsage(), calls: 1 },
          ms: 5,
        },
      ],
    },
  ],
};

describe('the trajectory viewer reads trajectory files through their schema', () => {
  it('rebuilds each sample\'s chat history', async () => {
    const view = await trajectoryView(gz(trajectory), 'trajectories/ep.json.gz');
    expect(view).toEqual({
      samples: [
        {
          index: 0,
          messages: [
            { role: 'system', content: 'Fix it.' },
            { role: 'user', content: 'add() subtracts' },
            { role: 'assistant', content: null, tool_calls: trajectory.samples[0]!.transitions[0]!.action.message!.tool_calls },
            { role: 'tool', tool_call_id: 'c1', content: 'check failed' },
          ],
        },
      ],
    });
  });

  it('says a file of the older messages-only format was written by an older Crucible', async () => {
    const view = await trajectoryView(gz({ episodeId: 'ep', samples: [{ index: 0, messages: [] }] }), 'trajectories/old.json.gz');
    expect(view).toEqual({ error: 'trajectories/old.json.gz: trajectory format 1, written by an older Crucible; re-run the episode to view it' });
  });

  it('names the file and the field of a malformed trajectory', async () => {
    const bad = { ...trajectory, samples: [{ ...trajectory.samples[0]!, transitions: [{ ...trajectory.samples[0]!.transitions[0]!, reward: 'high' }] }] };
    const view = await trajectoryView(gz(bad), 'trajectories/bad.json.gz');
    expect(view).toMatchObject({ error: expect.stringMatching(/^trajectories\/bad\.json\.gz: field samples\.0\.transitions\.0\.reward: /) });
    expect(await trajectoryView(Buffer.from('not gzip'), 'trajectories/x.json.gz')).toMatchObject({ error: expect.stringMatching(/not gzip'd JSON/) });
  });
});
