import { Rng, type SimHint } from '@crucible/core';
import { drawCompletionTokens, successProbability, type Knobs } from './sampling.js';
import { toolNames, type SimChatRequest, type SimMessage } from './sim-request.js';
import type { DraftChoice } from './sim-types.js';
import { parseUnifiedDiff, patchToEdits, touchedFiles, type FileDiff, type FileEdit } from './unified-diff.js';
import { corruptPatch } from './wrong-patch.js';

type CodeHint = Extract<SimHint, { kind: 'code' }>;

/** Everything that fixes one code-policy choice. */
export interface CodeTurnInput {
  hint: CodeHint;
  request: SimChatRequest;
  knobs: Knobs;
  serverSeed: number;
  taskKey: string;
  choiceIndex: number;
  /** Drawn from the whole request, for per-turn noise such as token counts. */
  turnRng: Rng;
}

interface PlannedCall {
  name: string;
  args: Record<string, unknown>;
}
interface PlannedTurn {
  say: string;
  calls: PlannedCall[];
}

const NONCE = /^call_sim_([0-9a-f]{8})_/;

/**
 * One turn of a scripted agent on a code task: list_dir, read the files the patch touches, edit
 * (the reference patch with the success probability, else the wrong one), run the tests, submit.
 * The turn is read off the conversation (assistant turns so far; a submit ends a round, and a
 * further round first reverts a wrong attempt). Success is drawn once per trajectory and round,
 * keyed by a nonce carried in the tool call ids, so all turns of one trajectory agree.
 */
export function codeChoice(input: CodeTurnInput): DraftChoice {
  const { hint, request, knobs, turnRng } = input;
  const tokens = drawCompletionTokens(turnRng, hint.difficulty, knobs.effort);
  const offered = toolNames(request);
  if (offered.size === 0) {
    const content = '[sim] this code task needs tools (list_dir, read_file, edit, run, submit) and none were offered';
    return { content, cutContent: content, completionTokens: tokens.completion, reasoningTokens: tokens.reasoning };
  }
  const assistants = request.messages.filter((m) => m.role === 'assistant');
  const nonce = nonceOf(assistants[0]) ?? freshNonce(input);
  const { round, turn } = position(assistants);
  const success = (r: number) => new Rng('sim-code', input.serverSeed, input.taskKey, nonce, r).chance(successProbability(hint.difficulty, knobs));
  const plan = planRound(hint, round, success, offered);
  const planned = plan[turn];
  if (!planned) {
    const content = '[sim] done';
    return { content, cutContent: content, completionTokens: tokens.completion, reasoningTokens: tokens.reasoning };
  }
  return {
    content: planned.say,
    cutContent: planned.say,
    toolCalls: planned.calls.map((c, j) => ({ id: `call_sim_${nonce}_${assistants.length}_${j}`, name: c.name, arguments: JSON.stringify(c.args) })),
    completionTokens: tokens.completion,
    reasoningTokens: tokens.reasoning,
  };
}

function nonceOf(message: SimMessage | undefined): string | undefined {
  const id = message?.tool_calls?.[0]?.id;
  return id ? NONCE.exec(id)?.[1] : undefined;
}

function freshNonce(input: CodeTurnInput): string {
  const rng = new Rng('sim-trajectory', input.serverSeed, input.taskKey, input.request.seed ?? 'none', input.choiceIndex);
  return rng.int(0, 0xffffffff).toString(16).padStart(8, '0');
}

function position(assistants: SimMessage[]): { round: number; turn: number } {
  let round = 0;
  let turn = 0;
  for (const m of assistants) {
    if (m.tool_calls?.some((c) => c.function?.name === 'submit')) {
      round++;
      turn = 0;
    } else {
      turn++;
    }
  }
  return { round, turn };
}

function planRound(hint: CodeHint, round: number, success: (r: number) => boolean, offered: Set<string>): PlannedTurn[] {
  const reference = parseUnifiedDiff(hint.patch);
  const wrong = hint.wrongPatch ? parseUnifiedDiff(hint.wrongPatch) : corruptPatch(reference);
  const patchFor = (r: number): FileDiff[] => (success(r) ? reference : wrong);
  const turns: PlannedTurn[] = [];
  const previousFailed = round > 0 && !success(round - 1);
  if (round > 0 && !previousFailed) return finishTurns(hint, offered);
  if (round === 0) turns.push({ say: '[sim] looking at the repository', calls: [{ name: 'list_dir', args: { path: '.' } }] });
  if (previousFailed) {
    const undo = patchToEdits(patchFor(round - 1))
      .filter((e): e is Extract<FileEdit, { tool: 'edit' }> => e.tool === 'edit')
      .reverse();
    undo.forEach((e, k) => turns.push({ say: `[sim] reverting my last attempt on ${e.path} (${k + 1}/${undo.length})`, calls: [editCall({ ...e, old: e.new, new: e.old })] }));
  }
  const patch = patchFor(round);
  const files = touchedFiles(patch.length > 0 ? patch : reference);
  if (files.length > 0) turns.push({ say: `[sim] reading ${files.join(', ')}`, calls: files.map((path) => ({ name: 'read_file', args: { path } })) });
  const edits = patchToEdits(patch);
  edits.forEach((e, k) => turns.push({ say: `[sim] changing ${e.path} (${k + 1}/${edits.length})`, calls: [editCall(e)] }));
  turns.push(...finishTurns(hint, offered));
  return turns.filter((t) => t.calls.every((c) => offered.has(c.name)));
}

function finishTurns(hint: CodeHint, offered: Set<string>): PlannedTurn[] {
  const turns: PlannedTurn[] = [];
  if (hint.testCommand) turns.push({ say: '[sim] running the tests', calls: [{ name: 'run', args: { command: hint.testCommand } }] });
  turns.push({ say: '[sim] submitting', calls: [{ name: 'submit', args: { summary: '[sim] applied a patch' } }] });
  return turns.filter((t) => t.calls.every((c) => offered.has(c.name)));
}

function editCall(e: FileEdit): PlannedCall {
  return e.tool === 'edit'
    ? { name: 'edit', args: { path: e.path, old: e.old, new: e.new } }
    : { name: 'write_file', args: { path: e.path, content: e.content } };
}
