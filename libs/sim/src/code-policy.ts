import { Rng } from '@crucible/core';
import type { StructuredPatch } from 'diff';
import { drawCompletionTokens, successProbability, type Knobs } from './sampling.js';
import { toolNames, type SimChatRequest, type SimMessage } from './sim-request.js';
import type { DraftChoice } from './sim-types.js';
import { parseUnifiedDiff, patchToEdits, revertEdits, touchedFiles, type FileEdit } from './patch-edits.js';
import type { CodeScript } from './task-script.js';
import { corruptPatch } from './wrong-patch.js';

type CodeHint = CodeScript;

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
 * One turn of a scripted agent on a code task, with the tools the task's script names: list the repository,
 * read the files the patch touches, edit (the reference patch with the success probability, else the wrong
 * one), run the tests, submit.
 * The turn is read off the conversation (assistant turns so far; a submit ends a round, and a
 * further round first reverts a wrong attempt). Success is drawn once per trajectory and round,
 * keyed by a nonce carried in the tool call ids, so all turns of one trajectory agree.
 */
export function codeChoice(input: CodeTurnInput): DraftChoice {
  const { hint, request, knobs, turnRng } = input;
  const tokens = drawCompletionTokens(turnRng, hint.difficulty, knobs.effort);
  const offered = toolNames(request);
  if (offered.size === 0) {
    const names = Object.values(hint.tools).map((t) => t.name);
    const content = `[sim] this code task needs tools (${names.join(', ')}) and none were offered`;
    return { content, cutContent: content, completionTokens: tokens.completion, reasoningTokens: tokens.reasoning };
  }
  const assistants = request.messages.filter((m) => m.role === 'assistant');
  const nonce = nonceOf(assistants[0]) ?? freshNonce(input);
  const { round, turn } = position(assistants, hint.tools.submit.name);
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

function position(assistants: SimMessage[], submit: string): { round: number; turn: number } {
  let round = 0;
  let turn = 0;
  for (const m of assistants) {
    if (m.tool_calls?.some((c) => c.function?.name === submit)) {
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
  const patchFor = (r: number): StructuredPatch[] => (success(r) ? reference : wrong);
  const { tools } = hint;
  const turns: PlannedTurn[] = [];
  const previousFailed = round > 0 && !success(round - 1);
  if (round > 0 && !previousFailed) return finishTurns(hint, offered);
  if (round === 0 && tools.listDir) turns.push({ say: '[sim] looking at the repository', calls: [{ name: tools.listDir.name, args: { [tools.listDir.path]: '.' } }] });
  if (previousFailed) {
    const undo = revertEdits(patchFor(round - 1));
    undo.forEach((e, k) => turns.push({ say: `[sim] reverting my last attempt on ${e.path} (${k + 1}/${undo.length})`, calls: [editCall(tools, e)] }));
  }
  const patch = patchFor(round);
  const files = touchedFiles(patch.length > 0 ? patch : reference);
  if (files.length > 0) turns.push({ say: `[sim] reading ${files.join(', ')}`, calls: files.map((path) => ({ name: tools.readFile.name, args: { [tools.readFile.path]: path } })) });
  const edits = patchToEdits(patch);
  edits.forEach((e, k) => turns.push({ say: `[sim] changing ${e.path} (${k + 1}/${edits.length})`, calls: [editCall(tools, e)] }));
  turns.push(...finishTurns(hint, offered));
  return turns.filter((t) => t.calls.every((c) => offered.has(c.name)));
}

function finishTurns(hint: CodeHint, offered: Set<string>): PlannedTurn[] {
  const turns: PlannedTurn[] = [];
  const { run, submit } = hint.tools;
  if (hint.testCommand && run) turns.push({ say: '[sim] running the tests', calls: [{ name: run.name, args: { [run.command]: hint.testCommand } }] });
  turns.push({ say: '[sim] submitting', calls: [{ name: submit.name, args: submit.summary ? { [submit.summary]: '[sim] applied a patch' } : {} }] });
  return turns.filter((t) => t.calls.every((c) => offered.has(c.name)));
}

/** A file edit as a call of the script's edit tool; a whole-file write without a write tool is left out (the turn filter drops it). */
function editCall(tools: CodeScript['tools'], e: FileEdit): PlannedCall {
  if (e.kind === 'edit') return { name: tools.edit.name, args: { [tools.edit.path]: e.path, [tools.edit.old]: e.old, [tools.edit.new]: e.new } };
  const write = tools.writeFile;
  return write ? { name: write.name, args: { [write.path]: e.path, [write.content]: e.content } } : { name: '', args: {} };
}
