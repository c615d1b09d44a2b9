import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Score } from '@crucible/core';
import type { SandboxLimits } from '../sandbox/limits.js';
import { runCommand } from '../sandbox/run-command.js';
import type { Instance } from '../tasks/instance-schema.js';
import { applyPatch, filesOfPatch } from '../workspace/apply-patch.js';
import { runGit } from '../workspace/git.js';
import { hostGitEnv } from '../workspace/host-git.js';
import { closeWorkspace, openWorkspace, type Workspace, type WorkspaceSource } from '../workspace/workspace.js';
import { outputTail, readVerdicts, TAIL_LINES } from './read-verdicts.js';
import { testArgs, testInvocation } from './test-command.js';
import type { TestVerdict } from './test-verdicts.js';

/** Where and how hidden tests run. */
export interface EvaluationContext {
  /** Where fresh workspaces of the base commit (with the setup layer) come from. */
  source: WorkspaceSource;
  testTimeoutSec: number;
  unsafeNoSandbox: boolean;
  /** Directories the tests must not see (dataset, caches, suite sources). */
  hide: string[];
  /** Resource limits of the test run (default: the sandbox's defaults). */
  limits?: SandboxLimits;
  signal?: AbortSignal;
}

/** The verdict on one model patch. */
export interface Evaluation {
  status: 'resolved' | 'unresolved' | 'error';
  reason: string;
  tests: Record<string, TestVerdict>;
  log: string;
  model_patch: string;
}

/** Test output kept in a score's log. */
export const LOG_CHARS = 20_000;
const TEST_OUTPUT_BYTES = 8 * 1024 * 1024;

/** Keeps the start and the (more telling) end of a long log. */
export function capLog(text: string, limit = LOG_CHARS): string {
  if (text.length <= limit) return text;
  const head = Math.floor(limit / 5);
  return `${text.slice(0, head)}\n[... ${text.length - limit} characters omitted ...]\n${text.slice(text.length - (limit - head))}`;
}

/** Puts the files a test patch touches back to their base state (SWE-bench does the same), so it applies cleanly. */
async function restoreTestFiles(worktree: Workspace, files: string[]): Promise<void> {
  if (files.length === 0) return;
  const env = hostGitEnv(worktree);
  const listed = await runGit(['ls-tree', '-r', '-z', '--name-only', worktree.commit, '--', ...files], { cwd: worktree.path, env });
  const atBase = new Set(listed.stdout.split('\0').filter(Boolean));
  const existing = files.filter((f) => atBase.has(f));
  if (existing.length > 0) await runGit(['checkout', worktree.commit, '--', ...existing], { cwd: worktree.path, env });
  for (const file of files.filter((f) => !atBase.has(f))) {
    await rm(path.join(worktree.path, file), { recursive: true, force: true });
  }
}

function summarise(ids: string[], tests: Record<string, TestVerdict>): string {
  const bad = ids.filter((id) => tests[id] !== 'passed');
  const shown = bad.slice(0, 5).map((id) => `${id} (${tests[id]})`);
  return bad.length > 5 ? `${shown.join(', ')} and ${bad.length - 5} more` : shown.join(', ');
}

/**
 * Scores a model patch the SWE-bench way, in a fresh workspace of the base commit (with the setup layer): apply the model patch,
 * reset the test files to base, apply the hidden test patch, run the framework, and require every
 * FAIL_TO_PASS and PASS_TO_PASS test to pass. Output with no readable per-test result is an `error`.
 */
export async function evaluatePatch(instance: Instance, modelPatch: string, ctx: EvaluationContext): Promise<Evaluation> {
  const listed = [...new Set([...instance.FAIL_TO_PASS, ...instance.PASS_TO_PASS])];
  const none = Object.fromEntries(listed.map((id) => [id, 'missing' as TestVerdict]));
  const verdict = (status: Evaluation['status'], reason: string, tests = none, log = ''): Evaluation => ({
    status,
    reason,
    tests,
    log: capLog(log),
    model_patch: modelPatch,
  });
  const worktree = await openWorkspace(ctx.source, `score-${instance.instance_id}`);
  try {
    if (instance.test_patch.trim() !== '') {
      const check = await applyPatch(worktree, instance.test_patch, { check: true });
      if (!check.ok) return verdict('error', `${instance.instance_id}: test_patch does not apply at base_commit ${instance.base_commit}: ${check.error}`);
    }
    if (modelPatch.trim() !== '') {
      const applied = await applyPatch(worktree, modelPatch);
      if (!applied.ok) return verdict('unresolved', `model_patch does not apply: ${applied.error}`);
    }
    const testFiles = await filesOfPatch(worktree, instance.test_patch);
    if (instance.test_patch.trim() !== '') {
      await restoreTestFiles(worktree, testFiles);
      const applied = await applyPatch(worktree, instance.test_patch);
      if (!applied.ok) return verdict('unresolved', `test_patch does not apply on top of the model patch: ${applied.error}`);
    }
    const { command, added } = testInvocation(instance, testArgs(instance, listed, testFiles));
    const run = await runCommand(command, {
      workspace: worktree.path,
      hide: ctx.hide,
      timeoutMs: ctx.testTimeoutSec * 1000,
      maxOutputBytes: TEST_OUTPUT_BYTES,
      limits: ctx.limits,
      unsafeNoSandbox: ctx.unsafeNoSandbox,
      signal: ctx.signal,
    });
    const read = readVerdicts(instance, run, listed);
    const log = [
      ...(added ? [`[crucible added ${added} to the ${instance.test_framework} command so that its report names every test]`] : []),
      `$ ${command}`,
      run.output,
      `[exit code ${run.exitCode ?? run.signal}${run.timedOut ? `, timed out after ${ctx.testTimeoutSec} s` : ''}${run.limitMessage && !run.timedOut ? `, ${run.limitMessage}` : ''}]`,
      ...read.notes.map((n) => `[crucible: ${n}]`),
    ].join('\n');
    if (run.aborted) return verdict('error', 'the test run was cancelled', none, log);
    if (!read.readable) {
      return run.timedOut
        ? verdict('unresolved', `the tests timed out after ${ctx.testTimeoutSec} s without reporting a result`, none, log)
        : verdict(
            'error',
            `${instance.instance_id}: no per-test results could be read from the ${instance.test_framework} output (exit code ${run.exitCode ?? run.signal}) of \`${command}\`; its last ${TAIL_LINES} lines:\n${outputTail(run.output)}`,
            none,
            log,
          );
    }
    const tests = read.tests;
    const failing = listed.filter((id) => tests[id] !== 'passed');
    if (failing.length === 0) return verdict('resolved', `all ${listed.length} listed tests passed`, tests, log);
    const timed = run.timedOut ? ` (the run timed out after ${ctx.testTimeoutSec} s)` : '';
    return verdict('unresolved', `not passing: ${summarise(listed, tests)}${timed}`, tests, log);
  } finally {
    await closeWorkspace(worktree);
  }
}

/** A {@link Score} from an evaluation: value 1 iff resolved. */
export function scoreOf(evaluation: Evaluation): Score {
  const resolved = evaluation.status === 'resolved';
  return {
    value: resolved ? 1 : 0,
    passed: resolved,
    answer: patchFingerprint(evaluation.model_patch),
    details: { ...evaluation },
  };
}

/**
 * The voting key of a patch: a hash of its changed lines (file headers, hunk offsets, `index` lines and
 * trailing whitespace dropped), so samples that made the same edit vote together. Empty patches abstain.
 */
export function patchFingerprint(patch: string): string | undefined {
  const lines = patch
    .split('\n')
    .filter((l) => /^(\+\+\+ |--- )/.test(l) || (/^[+-]/.test(l) && !/^(\+\+\+|---)/.test(l)))
    .map((l) => l.replace(/\s+$/, ''));
  if (!lines.some((l) => /^[+-](?![+-]{2} )/.test(l))) return undefined;
  return `patch:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
}
