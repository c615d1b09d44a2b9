import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { isEnvironmentDefinition } from '@crucible/core';
import { environmentFiles } from './files';
import environmentGenerator from './generator';

// Inside the workspace, so the generated package resolves @crucible/core like a real one would.
const scratch = join(__dirname, '../../../.gen-test');
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('environment generator', () => {
  it('writes a package under environments/<name>', async () => {
    const tree = createTreeWithEmptyWorkspace();
    await environmentGenerator(tree, { name: 'dice-game' });
    for (const f of ['package.json', 'src/index.ts', 'src/testing.ts', 'src/index.test.ts', 'tsconfig.json', 'vitest.config.ts', 'eslint.config.mjs']) {
      expect(tree.exists(`environments/dice-game/${f}`), f).toBe(true);
    }
    const manifest = JSON.parse(tree.read('environments/dice-game/package.json', 'utf8')!);
    expect(manifest).toMatchObject({ name: '@crucible/env-dice-game', crucible: { environment: true }, nx: { tags: ['scope:env'] } });
    await expect(environmentGenerator(tree, { name: 'dice-game' })).rejects.toThrow(/already exists/);
    await expect(environmentGenerator(tree, { name: 'Bad Name' })).rejects.toThrow(/kebab-case/);
  });

  it('generates an environment that loads, validates and scores', async () => {
    const dir = join(scratch, 'dice-game');
    for (const [path, content] of Object.entries(environmentFiles('dice-game', '../../../..'))) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    const mod = await import(pathToFileURL(join(dir, 'src/index.ts')).href);
    const env = mod.default;
    expect(isEnvironmentDefinition(env)).toBe(true);
    const config = env.config.parse({});
    const tasks = await env.tasks(config, { seed: 1, limit: 3, cwd: dir });
    expect(tasks).toHaveLength(3);
    const { scripts } = await import(pathToFileURL(join(dir, 'src/testing.ts')).href);
    const script = scripts.scriptFor(tasks[0], config);
    expect(script).toMatchObject({ kind: 'answer', formats: expect.arrayContaining([expect.stringContaining('{answer}')]) });
    const ctx = { seed: 0, episodeId: 'e', sampleIndex: 0, signal: new AbortController().signal, unsafeNoSandbox: false, cwd: dir };
    // Every final-answer line the sim may write grades as the reference.
    for (const format of script.formats) {
      const session = await env.open(tasks[0], config, ctx);
      await session.step({ tool: 'submit', input: { answer: `so it is\n${format.replace('{answer}', script.answer)}` } });
      expect(await session.score(), format).toMatchObject({ passed: true, answer: script.answer });
    }
  });
});
