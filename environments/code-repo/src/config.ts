import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { WORKSPACE_HISTORIES, WORKSPACE_MODES } from './workspace/workspace-options.js';
import { SandboxLimitsSchema } from './sandbox/limits.js';

function parseJsonString(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Configuration of the code-repo environment (`--env-config` / config file). */
export const CodeRepoConfigSchema = z.strictObject({
  /** A SWE-bench style JSONL file; without it the built-in suite is built and used. */
  dataset: z.string().min(1).optional(),
  /** A directory holding repositories as `owner__name` or `owner/name`, for `repo: "owner/name"` fields. */
  repos: z.string().min(1).optional(),
  /** Where bare mirrors of the repositories are cached. */
  cacheDir: z.string().min(1).optional(),
  /** Wall-clock limit of one test run (scoring and verify). */
  testTimeoutSec: z.number().positive().max(3600).default(60),
  /** Default wall-clock limit of one `run` tool call. */
  commandTimeoutSec: z.number().positive().max(3600).default(30),
  /** Show an instance's `hints_text` (SWE-bench: the issue discussion before the fix) to the agent after the issue. */
  showHints: z.boolean().default(false),
  /** Per-command resource limits of the sandbox (processes, file size, /tmp, workspace growth, memory, CPU time). */
  // A JSON string is accepted too, so `--env-config 'limits={"processes":512}'` works from the command line.
  limits: z.preprocess(parseJsonString, SandboxLimitsSchema.prefault({})),
  /** Wall-clock limit of one `search` tool call (the regular expression runs in a sandboxed ripgrep). */
  searchTimeoutSec: z.number().positive().max(600).default(10),
  /** Fail the whole load on a malformed dataset line instead of marking that instance as an error. */
  strict: z.boolean().default(false),
  /**
   * How much past the agent's repository shows, for instances that do not say (`history`): every ancestor of
   * `base_commit` (`full-past`) or only the base commit itself (`none`). Nothing after base is ever shown.
   */
  history: z.enum(WORKSPACE_HISTORIES).default('full-past'),
  /** How episode workspaces are made: an overlay mount over a cached checkout, a copy of it, or overlay where possible. */
  workspaceMode: z.enum(WORKSPACE_MODES).default('auto'),
  /** Let an instance's `setup_command` use the network (it never has it otherwise; agent commands never do). */
  allowSetupNetwork: z.boolean().default(false),
  /** Wall-clock limit of one `setup_command` run. */
  setupTimeoutSec: z.number().positive().max(7200).default(900),
});

/** See {@link CodeRepoConfigSchema}. */
export type CodeRepoConfig = z.output<typeof CodeRepoConfigSchema>;

/** The mirror cache directory a config selects. */
export function cacheDirOf(config: Pick<CodeRepoConfig, 'cacheDir'>, cwd = process.cwd()): string {
  return config.cacheDir ? path.resolve(cwd, config.cacheDir) : path.join(os.tmpdir(), 'crucible-repos');
}
