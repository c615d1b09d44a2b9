/** The files of a new environment package, by path relative to its folder. */
export function environmentFiles(name: string, relRoot: string): Record<string, string> {
  const pascal = name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
  return {
    'package.json': `${JSON.stringify(
      {
        name: `@crucible/env-${name}`,
        version: '0.1.0',
        private: true,
        type: 'module',
        description: `${name} environment for Crucible`,
        exports: { '.': { types: './src/index.ts', default: './src/index.ts' }, './testing': { types: './src/testing.ts', default: './src/testing.ts' } },
        dependencies: { '@crucible/core': '*', zod: '4.3.6' },
        devDependencies: { '@crucible/sim': '*' },
        crucible: { environment: true },
        nx: { tags: ['scope:env'] },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `${JSON.stringify(
      { extends: `${relRoot}/tsconfig.base.json`, compilerOptions: { outDir: 'out-tsc', rootDir: '.' }, include: ['src/**/*.ts', 'vitest.config.ts'], references: [] },
      null,
      2,
    )}\n`,
    'vitest.config.ts': `import { defineConfig } from 'vitest/config';\n\nexport default defineConfig({ test: { include: ['src/**/*.test.ts'], environment: 'node' } });\n`,
    'eslint.config.mjs': `import base from '${relRoot}/eslint.config.mjs';\n\nexport default [...base];\n`,
    'src/index.ts': `import { z } from 'zod';
import { defineEnvironment, Rng, type Task } from '@crucible/core';

/** A task of the ${name} environment. Replace with your own fields. */
export interface ${pascal}Task extends Task {
  a: number;
  b: number;
}

const config = z.object({ count: z.number().int().min(1).default(20) }).strict();

/** The ${name} environment: a starting point that asks for a sum; replace tasks, tools and scoring. */
export default defineEnvironment({
  name: '${name}',
  version: '0.1.0',
  description: '${name} environment',
  mode: 'single-turn',
  answerTool: { tool: 'submit', field: 'answer' },
  config,
  tools: { submit: { description: 'Submit the final answer', input: z.object({ answer: z.string() }) } },
  system: () => 'Answer the question. End with the final answer alone on the last line.',
  tasks: (cfg, ctx): ${pascal}Task[] =>
    Array.from({ length: ctx.limit ?? cfg.count }, (_, i) => {
      const rng = new Rng('${name}', ctx.seed, i);
      const a = rng.int(1, 99);
      const b = rng.int(1, 99);
      return { id: \`${name}/\${ctx.seed}/\${i}\`, prompt: \`What is \${a} + \${b}?\`, difficulty: 1, a, b };
    }),
  open: async (task: ${pascal}Task) => {
    let answer: string | undefined;
    const correct = () => answer === String(task.a + task.b);
    return {
      observation: task.prompt,
      step: async (action) => {
        answer = /(-?\\d+)\\D*$/.exec(action.input.answer)?.[1];
        return { observation: 'submitted', reward: correct() ? 1 : 0, terminated: true, truncated: false, info: {} };
      },
      score: async () => ({ value: correct() ? 1 : 0, passed: correct(), answer, details: {} }),
      close: async () => undefined,
    };
  },
});
`,
    'src/testing.ts': `import type { TaskScripts } from '@crucible/sim';
import type { ${pascal}Task } from './index.js';

/**
 * How the sim model plays this environment's tasks (the \`testing\` export; \`--model sim\` registers these):
 * it learns the reference out of band, never through the prompt, and writes its final line in one of the formats.
 */
export const scripts: TaskScripts<${pascal}Task> = {
  scriptFor: (task) => ({
    kind: 'answer',
    difficulty: 1,
    answer: String(task.a + task.b),
    wrongAnswers: [String(task.a + task.b + 1), String(task.a - task.b)],
    formats: ['#### {answer}', '\\\\boxed{{answer}}', 'The answer is {answer}.'],
  }),
};
`,
    'src/index.test.ts': `import { describe, expect, it } from 'vitest';
import env from './index.js';

describe('${name} environment', () => {
  it('scores the right answer as passed and a wrong one as failed', async () => {
    const [task] = await env.tasks({ count: 1 }, { seed: 0, cwd: process.cwd() });
    const ctx = { seed: 0, episodeId: 'e', sampleIndex: 0, signal: new AbortController().signal, unsafeNoSandbox: false, cwd: process.cwd() };
    const right = await env.open(task!, { count: 1 }, ctx);
    await right.step({ tool: 'submit', input: { answer: String(task!.a + task!.b) } });
    expect((await right.score()).passed).toBe(true);
    const wrong = await env.open(task!, { count: 1 }, ctx);
    await wrong.step({ tool: 'submit', input: { answer: '-1' } });
    expect((await wrong.score()).passed).toBe(false);
  });
});
`,
  };
}
