import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { relativePaths } from './relative-paths';

async function through(root: string, chunks: (string | Buffer)[]): Promise<string> {
  const input = new PassThrough();
  const out = text(input.pipe(relativePaths(root)));
  for (const c of chunks) input.write(c);
  input.end();
  return out;
}

describe('relativePaths', () => {
  it('makes paths under the root relative, and the root itself "."', async () => {
    const out = await through('/work/ws', ['run directory: /work/ws/runs/nx/math-eval\n', 'response cache (replay, /work/ws/cassettes/math): 1 hits\ncwd: /work/ws\n']);
    expect(out).toBe('run directory: runs/nx/math-eval\nresponse cache (replay, cassettes/math): 1 hits\ncwd: .\n');
  });

  it('leaves other paths alone, a sibling with the same prefix included', async () => {
    expect(await through('/work/ws', ['/work/ws2/x and /work/other\n'])).toBe('/work/ws2/x and /work/other\n');
  });

  it('rewrites a path split across chunks, and multi-byte text split inside a character', async () => {
    const bytes = Buffer.from('é /work/ws/a\n');
    expect(await through('/work/ws', ['run directory: /work/', 'ws/runs/x\n', bytes.subarray(0, 1), bytes.subarray(1), 'no newline /work/ws/b'])).toBe(
      'run directory: runs/x\né a\nno newline b',
    );
  });
});
