import { readFile, readdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSuite } from '@crucible/env-code-repo';
import { crucible, tempDir } from './cli.js';

describe('--aggregate best on code-repo tasks that cannot verify, without --judge', () => {
  it('is refused up front: exit 2, one clear line, no run directory and no request to the endpoint', async () => {
    const dir = await tempDir();
    const suite = await buildSuite(join(dir, 'suite'));
    // the built-in instances without their visible tests: their sessions get no verify()
    const lines = (await readFile(suite.datasetPath, 'utf8')).trim().split('\n').map((l) => {
      const inst = JSON.parse(l) as Record<string, unknown>;
      delete inst['visible_tests'];
      return JSON.stringify(inst);
    });
    const dataset = join(dir, 'no-visible.jsonl');
    await writeFile(dataset, `${lines.join('\n')}\n`);
    // a real endpoint that counts what reaches it
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    const out = join(dir, 'runs');
    try {
      const res = await crucible(['run', '--env', 'code-repo', '--dataset', dataset, '--env-config', `repos=${suite.repos}`, '--model', 'any-model', '--base-url', url, '--samples', '4', '--aggregate', 'best', '--tasks', '3', '--out', out, '--run-id', 'best']);
      expect(res.exitCode, res.stderr).toBe(2);
      expect(res.stderr).toMatch(/--aggregate best needs a way to rank samples, and no task of environment "code-repo" has a verify\(\)/);
      expect(res.stderr).toMatch(/--judge/);
      expect(requests).toBe(0);
      expect(await readdir(out).catch(() => [])).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 120_000);
});
