import type { ToolSet } from '@crucible/core';
import { z } from 'zod';

/** The math environment's only tool: submit the final answer (a plain-text reply goes through it). */
export const MATH_TOOLS = {
  submit: {
    description: 'Submit the final answer',
    input: z.object({ answer: z.string() }),
  },
} satisfies ToolSet;

/** See {@link MATH_TOOLS}. */
export type MathTools = typeof MATH_TOOLS;
