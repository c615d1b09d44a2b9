import { createRequire } from 'node:module';
import { defineEnvironment } from '@crucible/core';
import { MathConfigSchema, type MathConfig } from './config.js';
import { datasetTasks } from './dataset-tasks.js';
import type { MathTask } from './math-task.js';
import { proceduralTasks } from './procedural-tasks.js';
import { MathSession } from './session.js';
import { MATH_TOOLS } from './tools.js';

/** The package's own manifest: its version is the environment's (one number, as `crucible envs` shows it). */
const PACKAGE = createRequire(import.meta.url)('../package.json') as { version: string };

const SYSTEM =
  'Solve the math problem. Show brief working, then give the final answer on its own last line, ' +
  'either as "#### <answer>" or as \\boxed{<answer>}. Give exact answers (fractions in lowest terms) unless told otherwise.';

/** The math environment: procedural arithmetic, equations, fractions and word problems, or GSM8K/MATH files. */
export const mathEnvironment = defineEnvironment<MathConfig, typeof MATH_TOOLS, MathTask>({
  name: 'math',
  version: PACKAGE.version,
  description: 'Single-turn math problems graded by final-answer equivalence (procedural, GSM8K or MATH JSONL)',
  mode: 'single-turn',
  answerTool: { tool: 'submit', field: 'answer' },
  config: MathConfigSchema,
  tools: MATH_TOOLS,
  system: () => SYSTEM,
  tasks(config, ctx) {
    if (config.dataset !== undefined) return datasetTasks({ ...config, dataset: config.dataset }, ctx.cwd, ctx.limit);
    return proceduralTasks(config, ctx.seed, ctx.limit ?? config.count);
  },
  async open(task) {
    return new MathSession(task);
  },
});
