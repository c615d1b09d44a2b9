import type { Task } from '@crucible/core';
import { z } from 'zod';

/**
 * How the sim plays one answer task: the right answer, a small set of plausible wrong ones (so wrong votes
 * collide, as real ones do), the difficulty, and how the environment expects a final answer written.
 */
export const AnswerScriptSchema = z.object({
  kind: z.literal('answer'),
  difficulty: z.number().min(1).max(5),
  answer: z.string(),
  wrongAnswers: z.array(z.string()).min(1),
  /**
   * Final-answer lines, each with `{answer}` where the answer goes (e.g. `#### {answer}`). The sim writes one of
   * them (drawn per sample when there are several); a reasoning model's final line uses the first.
   */
  formats: z.array(z.string().includes('{answer}')).min(1),
});

/**
 * The environment's tools the code policy uses, by role: which tool lists, reads, edits, writes files, runs the
 * tests and submits, and under which argument names each takes a path, text or command.
 */
export const CodeToolsSchema = z.object({
  listDir: z.object({ name: z.string().min(1), path: z.string().min(1) }).optional(),
  readFile: z.object({ name: z.string().min(1), path: z.string().min(1) }),
  edit: z.object({ name: z.string().min(1), path: z.string().min(1), old: z.string().min(1), new: z.string().min(1) }),
  writeFile: z.object({ name: z.string().min(1), path: z.string().min(1), content: z.string().min(1) }).optional(),
  run: z.object({ name: z.string().min(1), command: z.string().min(1) }).optional(),
  submit: z.object({ name: z.string().min(1), summary: z.string().min(1).optional() }),
});

/** How the sim plays one code task: explore, read what the patch touches, apply the reference (or a wrong) fix, test, submit. */
export const CodeScriptSchema = z.object({
  kind: z.literal('code'),
  difficulty: z.number().min(1).max(5),
  /** The reference fix, as a unified diff. */
  patch: z.string(),
  /** A plausible but wrong fix, as a unified diff; the sim falls back to a corrupted reference. */
  wrongPatch: z.string().optional(),
  /** The shell command that runs the visible tests, if any. */
  testCommand: z.string().optional(),
  tools: CodeToolsSchema,
});

/**
 * What the sim is told about a task, out of band (never through the prompt), so it can play a plausible
 * stochastic policy. An environment gives one per task from its `testing` export (see {@link TaskScripts}).
 */
export const TaskScriptSchema = z.discriminatedUnion('kind', [AnswerScriptSchema, CodeScriptSchema]);

/** See {@link TaskScriptSchema}. */
export type TaskScript = z.infer<typeof TaskScriptSchema>;
/** See {@link AnswerScriptSchema}. */
export type AnswerScript = z.infer<typeof AnswerScriptSchema>;
/** See {@link CodeScriptSchema}. */
export type CodeScript = z.infer<typeof CodeScriptSchema>;
/** See {@link CodeToolsSchema}. */
export type CodeTools = z.infer<typeof CodeToolsSchema>;

/**
 * What an environment's `testing` subpath exports as `scripts`: the sim's script for each of its tasks
 * (undefined for a task the sim cannot play).
 */
export interface TaskScripts<K extends Task = Task, C = unknown> {
  scriptFor(task: K, config: C): TaskScript | undefined;
}
