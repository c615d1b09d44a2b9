import { z } from 'zod';
import { CrucibleError } from './errors.js';
import type { Score, Verification } from './score.js';
import type { Action, ToolSet } from './tools.js';

/** A task: a stable id plus what reports show. Procedural tasks are seeded by hash(seed, index). */
export interface Task {
  id: string;
  /** A short human-readable statement of the task, for reports (the model sees the session's observation). */
  prompt: string;
  /** 1 (easy) to 5 (hard), where the environment knows it. */
  difficulty?: number;
  /** Task family or source (for example `linear-equation`, `gsm8k`), for per-group metrics. */
  family?: string;
  metadata?: Record<string, unknown>;
}

/** What `step` returns; Gymnasium's split: `terminated` = the task ended, `truncated` = a limit cut it off. */
export interface StepResult {
  observation: string;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: Record<string, unknown>;
}

/** One episode's live environment state. */
export interface Session<T extends ToolSet = ToolSet> {
  /** The first observation: what the model is asked. */
  readonly observation: string;
  step(action: Action<T>): Promise<StepResult>;
  score(): Promise<Score>;
  verify?(): Promise<Verification>;
  close(): Promise<void>;
}

/** Passed to `tasks()`. */
export interface TaskContext {
  seed: number;
  /** How many tasks the user asked for, if any; procedural sources generate this many. */
  limit?: number;
  /** Where relative dataset paths resolve from. */
  cwd: string;
}

/** Passed to `open()`. */
export interface EpisodeContext {
  seed: number;
  episodeId: string;
  sampleIndex: number;
  signal: AbortSignal;
  /** The user allowed commands to run without a sandbox (`--unsafe-no-sandbox`). */
  unsafeNoSandbox: boolean;
  cwd: string;
}

/** Passed to `preflight()`. */
export interface PreflightContext {
  /** The user allowed commands to run without a sandbox (`--unsafe-no-sandbox`). */
  unsafeNoSandbox: boolean;
  cwd: string;
}

/**
 * An environment package's default export.
 * `single-turn` environments take the model's plain-text reply as the argument of `answerTool`.
 */
// Defaults are `any` so a concrete definition (narrower tasks and tools) is assignable where any environment is taken.
export interface EnvironmentDefinition<C = any, T extends ToolSet = any, K extends Task = any> {
  name: string;
  version: string;
  description: string;
  mode: 'single-turn' | 'multi-turn';
  /** For single-turn environments: the tool and field a plain-text reply is submitted through. */
  answerTool?: { tool: keyof T & string; field: string };
  config: z.ZodType<C>;
  tools: T;
  /** The system prompt for a task. */
  system(task: K, config: C): string;
  tasks(config: C, ctx: TaskContext): Promise<K[]> | K[];
  open(task: K, config: C, ctx: EpisodeContext): Promise<Session<T>>;
  /**
   * Checked once before a run starts (before tasks load or any model call): throws a CrucibleError when this
   * machine cannot run the environment as configured (for example no sandbox), so the run refuses up front.
   */
  preflight?(config: C, ctx: PreflightContext): Promise<void> | void;
  /**
   * Whether sessions of this task implement `verify()` (a check without hidden references). Asked per task once
   * tasks load, so the CLI can refuse `aggregate: best` without a judge before any model call. Absent: no task can.
   */
  canVerify?(task: K, config: C): boolean;
  /** Resources that need a concurrency limit, for example `sandbox`. */
  resources?: string[];
}

const NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Declares an environment. Checks the definition's shape at load time, so a broken package
 * fails with a clear error when it is loaded rather than in the middle of a run.
 */
export function defineEnvironment<C, T extends ToolSet, K extends Task>(
  def: EnvironmentDefinition<C, T, K>,
): EnvironmentDefinition<C, T, K> {
  const problems: string[] = [];
  if (!NAME.test(def.name)) problems.push(`name "${def.name}" must be kebab-case (a-z, 0-9, -)`);
  if (!/^\d+\.\d+\.\d+/.test(def.version)) problems.push(`version "${def.version}" must be semver (for example 1.0.0)`);
  if (Object.keys(def.tools).length === 0) problems.push('tools must name at least one tool');
  for (const [name, spec] of Object.entries(def.tools)) {
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) problems.push(`tool "${name}" must match [a-zA-Z0-9_-]{1,64}`);
    if (!(spec.input instanceof z.ZodType)) problems.push(`tool "${name}" input must be a zod schema`);
  }
  if (def.mode === 'single-turn') {
    if (!def.answerTool) problems.push('single-turn environments must set answerTool');
    else if (!def.tools[def.answerTool.tool]) problems.push(`answerTool "${def.answerTool.tool}" is not one of tools`);
  }
  if (problems.length > 0) {
    throw new CrucibleError('invalid_config', `environment "${def.name}": ${problems.join('; ')}`, {
      hint: 'fix the defineEnvironment() call in the environment package',
    });
  }
  return def;
}

/** Narrow check used when loading an unknown module's default export. */
export function isEnvironmentDefinition(value: unknown): value is EnvironmentDefinition {
  const v = value as Partial<EnvironmentDefinition> | undefined;
  return !!v && typeof v.name === 'string' && typeof v.open === 'function' && typeof v.tasks === 'function' && !!v.tools;
}
