import { hashOf, Rng } from '@crucible/core';
import { answerChoice, unknownTaskChoice } from './answer-policy.js';
import { codeChoice } from './code-policy.js';
import { JUDGE_KEY_PREFIX, judgeChoice } from './judge-policy.js';
import type { FaultPlan } from './faults.js';
import type { PromptCount } from './prefix-cache.js';
import { simReasoningText } from './reasoning-text.js';
import { knobsOf, prefillOf, thinkingBudgetOf, toolNames, type SimChatRequest } from './sim-request.js';
import type { DraftChoice, SimOutput, SimThinkingMode } from './sim-types.js';
import type { TaskScript } from './task-script.js';
import { prefillState, thinkingAnswerChoice } from './thinking-policy.js';

/** What fixes one sim response. */
export interface CompletionInput {
  request: SimChatRequest;
  hint: TaskScript | undefined;
  taskKey: string | undefined;
  serverSeed: number;
  prompt: PromptCount;
  faults: FaultPlan;
  thinking: SimThinkingMode;
}

/** One sim response before it is serialised for an API, streamed or not. */
export interface Completion {
  id: string;
  outputs: SimOutput[];
  prompt: PromptCount;
  completionTokens: number;
  reasoningTokens: number;
  brokenToolCalls: number;
  /** Reasoning goes into content between think tags instead of a reasoning field. */
  thinkTags: boolean;
  /** Per output: a continuation inside open thinking (no opening tag again). */
  continuesThinking: boolean[];
}

/**
 * The completion for a request: `n` choices, each drawn from an Rng keyed by the server seed,
 * task key, request body and choice index, so the same request always gets the same answer.
 */
export function buildCompletion(input: CompletionInput): Completion {
  const { request, hint, taskKey, serverSeed } = input;
  const bodyHash = hashOf({ ...request, n: undefined, stream: undefined, stream_options: undefined });
  const limit = request.max_completion_tokens ?? request.max_tokens;
  const knobs = knobsOf(request);
  const budget = thinkingBudgetOf(request);
  const prefill = prefillOf(request);
  const reasoningModel = input.thinking === 'field' || input.thinking === 'think-tags' || (input.thinking === 'auto' && (budget !== undefined || prefill !== undefined));
  let completionTokens = 0;
  let reasoningTokens = 0;
  let brokenToolCalls = 0;
  const continuesThinking: boolean[] = [];
  const outputs = Array.from({ length: request.n ?? 1 }, (_, index): SimOutput => {
    const rng = new Rng('sim-choice', serverSeed, taskKey ?? '', bodyHash, index);
    let draft: DraftChoice;
    if (hint && taskKey?.startsWith(JUDGE_KEY_PREFIX)) draft = judgeChoice(hint, request.messages, rng);
    else if (hint?.kind === 'answer' && reasoningModel) draft = thinkingAnswerChoice(hint, knobs, rng, { budget, prefill: prefill === undefined ? undefined : prefillState(prefill) });
    else if (hint?.kind === 'answer') draft = answerChoice(hint, knobs, rng);
    else if (hint?.kind === 'code' && taskKey !== undefined)
      draft = codeChoice({ hint, request, knobs, serverSeed, taskKey, choiceIndex: index, turnRng: rng });
    else draft = unknownTaskChoice(toolNames(request).has('submit'), `call_sim_${bodyHash.slice(0, 8)}_${index}`);
    continuesThinking.push(!!draft.continuesThinking);
    const cut = limit !== undefined && draft.completionTokens > limit;
    let calls = cut ? [] : (draft.toolCalls ?? []);
    if (calls.length > 0 && input.faults.breakToolArgs()) {
      calls = calls.map((c, j) => (j === 0 ? input.faults.breakCall(c) : c));
      brokenToolCalls++;
    }
    const tokens = cut ? (limit as number) : draft.completionTokens;
    const reasoning = Math.min(draft.reasoningTokens, tokens);
    completionTokens += tokens;
    reasoningTokens += reasoning;
    // A cut inside the thinking of a reasoning model leaves no answer at all.
    const cutInThinking = cut && draft.visibleReasoning === true && draft.reasoningTokens >= tokens;
    const shown = input.thinking !== 'off' && (draft.visibleReasoning || reasoningModel || knobs.effort !== undefined);
    return {
      reasoning: shown ? simReasoningText(reasoning) : '',
      reasoningTokens: reasoning,
      content: cutInThinking ? '' : cut ? draft.cutContent : draft.content,
      contentTokens: tokens - reasoning,
      toolCalls: calls,
      finishReason: cut ? 'length' : calls.length > 0 ? 'tool_calls' : 'stop',
    };
  });
  return {
    id: hashOf([serverSeed, taskKey ?? '', bodyHash]).slice(0, 24),
    outputs,
    prompt: input.prompt,
    completionTokens,
    reasoningTokens,
    brokenToolCalls,
    thinkTags: input.thinking === 'think-tags',
    continuesThinking,
  };
}

/** The content an output shows: with think tags, its reasoning inline before the answer. */
export function shownContent(c: Completion, index: number): { content: string; reasoning: string } {
  const out = c.outputs[index]!;
  if (!c.thinkTags || !out.reasoning) return { content: out.content, reasoning: out.reasoning };
  const open = c.continuesThinking[index] ? '' : '<think>\n';
  const inThinking = out.finishReason === 'length' && out.content === '';
  return { content: `${open}${out.reasoning}${inThinking ? '' : `\n</think>\n${out.content}`}`, reasoning: '' };
}
