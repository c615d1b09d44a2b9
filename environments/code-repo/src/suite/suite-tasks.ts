import type { SuiteTask } from './suite-types.js';
import { TALLY_TASKS } from './tally-tasks.js';
import { TEXTKIT_TASKS } from './textkit-tasks.js';

/** Every task of the built-in suite: 7 on textkit (node:test), 5 on tally (unittest). */
export const SUITE_TASKS: SuiteTask[] = [...TEXTKIT_TASKS, ...TALLY_TASKS];
