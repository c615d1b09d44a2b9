import { realpath } from 'node:fs/promises';
import type { Action, EpisodeContext, Score, Session, StepResult, Verification } from '@crucible/core';
import type { CodeRepoConfig } from './config.js';
import type { LimitHit } from './sandbox/limits.js';
import { runCommand } from './sandbox/run-command.js';
import { evaluatePatch, scoreOf, type EvaluationContext } from './scoring/evaluate.js';
import { readVerdicts } from './scoring/read-verdicts.js';
import { visibleTestCommand } from './scoring/test-command.js';
import type { Instance } from './tasks/instance-schema.js';
import { editTool } from './tools/edit.js';
import { listDirTool } from './tools/list-dir.js';
import { readFileTool } from './tools/read-file.js';
import { formatRunResult } from './tools/run.js';
import { searchTool } from './tools/search.js';
import type { CodeRepoTools } from './tools/specs.js';
import { writeFileTool } from './tools/write-file.js';
import { diffAgainstBase } from './workspace/model-patch.js';
import { closeWorkspace, type Workspace, type WorkspaceSource } from './workspace/workspace.js';

/** Longest `run` an agent may ask for. */
export const MAX_COMMAND_SEC = 600;
const FEEDBACK_CHARS = 4000;

/** What a session is opened with. */
export interface CodeRepoSessionInput {
  instance: Instance;
  /** The episode's sealed workspace; closed with the session. */
  workspace: Workspace;
  /** Where scoring gets fresh workspaces of the same base. */
  source: WorkspaceSource;
  config: CodeRepoConfig;
  ctx: Pick<EpisodeContext, 'unsafeNoSandbox' | 'signal'>;
  hide: string[];
}

/** The first observation: the bug report (and its hints, if configured) and where the code is, never the tests. */
export function observationOf(instance: Instance, visibleCommand: string | undefined, showHints = false): string {
  const hints = showHints ? instance.hints_text?.trim() : undefined;
  const lines = [
    `Repository: ${instance.repo} (at commit ${instance.base_commit.slice(0, 12)}), checked out as your working directory.`,
    '',
    'Issue:',
    instance.problem_statement.trim(),
    '',
    ...(hints ? ['Hints (from the issue discussion):', hints, ''] : []),
    'Fix the issue in the repository with the tools (list_dir, read_file, search, edit, write_file, run), then call submit.',
  ];
  if (visibleCommand) lines.push(`The existing tests run with: ${visibleCommand}`);
  return lines.join('\n');
}

/** One episode in a sealed repository workspace. */
export class CodeRepoSession implements Session<CodeRepoTools> {
  readonly observation: string;
  readonly verify?: () => Promise<Verification>;
  private realRoot: string | undefined;
  private closed = false;
  private lastScore: { patch: string; score: Score } | undefined;
  /** The limit the latest `run` hit, for the step's info (trajectories count them). */
  private lastLimitHit: LimitHit | undefined;

  constructor(private readonly input: CodeRepoSessionInput) {
    const visible = visibleTestCommand(input.instance);
    this.observation = observationOf(input.instance, visible, input.config.showHints);
    if (visible) this.verify = () => this.runVisibleTests(visible);
  }

  private get evaluation(): EvaluationContext {
    return {
      source: this.input.source,
      testTimeoutSec: this.input.config.testTimeoutSec,
      limits: this.input.config.limits,
      unsafeNoSandbox: this.input.ctx.unsafeNoSandbox,
      hide: this.input.hide,
      signal: this.input.ctx.signal,
    };
  }

  private async root(): Promise<string> {
    this.realRoot ??= await realpath(this.input.workspace.path);
    return this.realRoot;
  }

  private runIn(command: string, timeoutSec: number, maxOutputBytes?: number) {
    return runCommand(command, {
      workspace: this.input.workspace.path,
      hide: this.input.hide,
      timeoutMs: timeoutSec * 1000,
      maxOutputBytes,
      limits: this.input.config.limits,
      unsafeNoSandbox: this.input.ctx.unsafeNoSandbox,
      signal: this.input.ctx.signal,
    });
  }

  private async observe(action: Action<CodeRepoTools>): Promise<string> {
    const root = await this.root();
    switch (action.tool) {
      case 'list_dir':
        return listDirTool(root, action.input);
      case 'read_file':
        return readFileTool(root, action.input);
      case 'search':
        return searchTool(root, action.input, {
          timeoutSec: this.input.config.searchTimeoutSec,
          run: (command, maxOutputBytes) => this.runIn(command, this.input.config.searchTimeoutSec, maxOutputBytes),
        });
      case 'write_file':
        return writeFileTool(root, action.input);
      case 'edit':
        return editTool(root, action.input);
      case 'run': {
        const timeoutSec = Math.min(action.input.timeoutSec ?? this.input.config.commandTimeoutSec, MAX_COMMAND_SEC);
        const result = await this.runIn(action.input.command, timeoutSec);
        this.lastLimitHit = result.limitHit;
        return formatRunResult(result, timeoutSec);
      }
      case 'submit':
        return 'Submitted. Your change will be checked against hidden tests.';
      default:
        return `Error: unknown tool "${(action as { tool: string }).tool}".`;
    }
  }

  async step(action: Action<CodeRepoTools>): Promise<StepResult> {
    if (this.closed) {
      return { observation: 'Error: the episode is closed.', reward: 0, terminated: true, truncated: false, info: { error: true } };
    }
    let observation: string;
    this.lastLimitHit = undefined;
    try {
      observation = await this.observe(action);
    } catch (err) {
      // Tool failures are observations for the model, never exceptions for the runner.
      observation = `Error: ${(err as Error).message}`;
    }
    const submitted = action.tool === 'submit';
    return {
      observation,
      reward: 0,
      terminated: submitted,
      truncated: false,
      info: {
        tool: action.tool,
        error: observation.startsWith('Error:'),
        ...(submitted ? { summary: action.input.summary } : {}),
        ...(this.lastLimitHit ? { limitHit: this.lastLimitHit } : {}),
      },
    };
  }

  /** The agent's change so far, as a diff against the base commit. */
  modelPatch(): Promise<string> {
    return diffAgainstBase(this.input.workspace);
  }

  async score(): Promise<Score> {
    const patch = await this.modelPatch();
    if (this.lastScore?.patch === patch) return this.lastScore.score;
    const score = scoreOf(await evaluatePatch(this.input.instance, patch, this.evaluation));
    this.lastScore = { patch, score };
    return score;
  }

  private async runVisibleTests(command: string): Promise<Verification> {
    const { instance, config } = this.input;
    const ids = instance.visible_tests ?? [];
    const run = await this.runIn(command, config.testTimeoutSec);
    const verdicts = readVerdicts(instance, run, ids).tests;
    const failing = ids.filter((id) => verdicts[id] !== 'passed');
    const value = ids.length === 0 ? 0 : (ids.length - failing.length) / ids.length;
    if (failing.length === 0) return { passed: true, value: 1, feedback: `All ${ids.length} visible tests pass.` };
    const tail = run.output.length > FEEDBACK_CHARS ? `...${run.output.slice(-FEEDBACK_CHARS)}` : run.output;
    const status = run.timedOut ? `timed out after ${config.testTimeoutSec} s` : `exit code ${run.exitCode ?? run.signal}`;
    return {
      passed: false,
      value,
      feedback: `${failing.length} of ${ids.length} visible tests do not pass: ${failing.map((id) => `${id} (${verdicts[id]})`).join(', ')}\n$ ${command} (${status})\n${tail}`,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await closeWorkspace(this.input.workspace);
  }
}
