import { hashOf, Rng, type SimHint } from '@crucible/core';
import { answerChoice, unknownTaskChoice } from './answer-policy.js';
import { codeChoice } from './code-policy.js';
import { JUDGE_KEY_PREFIX, judgeChoice } from './judge-policy.js';
import type { FaultPlan } from './faults.js';
import type { PromptCount } from './prefix-cache.js';
import { knobsOf, toolNames, type SimChatRequest } from './sim-request.js';
import type { DraftChoice } from './sim-types.js';

/** What fixes one sim response. */
export interface CompletionInput {
  request: SimChatRequest;
  hint: SimHint | undefined;
  taskKey: string | undefined;
  serverSeed: number;
  prompt: PromptCount;
  faults: FaultPlan;
}

/** A serialised chat completion plus the counts the server keeps. */
export interface Completion {
  body: Record<string, unknown>;
  completionTokens: number;
  brokenToolCalls: number;
}

/**
 * The chat completion for a request: `n` choices, each drawn from an Rng keyed by the server seed,
 * task key, request body and choice index, so the same request always gets the same answer.
 */
export function buildCompletion(input: CompletionInput): Completion {
  const { request, hint, taskKey, serverSeed } = input;
  const bodyHash = hashOf({ ...request, n: undefined, stream: undefined });
  const limit = request.max_completion_tokens ?? request.max_tokens;
  const knobs = knobsOf(request);
  let completionTokens = 0;
  let reasoningTokens = 0;
  let brokenToolCalls = 0;
  const choices = Array.from({ length: request.n ?? 1 }, (_, index) => {
    const rng = new Rng('sim-choice', serverSeed, taskKey ?? '', bodyHash, index);
    let draft: DraftChoice;
    if (hint && taskKey?.startsWith(JUDGE_KEY_PREFIX)) draft = judgeChoice(hint, request.messages, rng);
    else if (hint?.kind === 'answer') draft = answerChoice(hint, knobs, rng);
    else if (hint?.kind === 'code' && taskKey !== undefined)
      draft = codeChoice({ hint, request, knobs, serverSeed, taskKey, choiceIndex: index, turnRng: rng });
    else draft = unknownTaskChoice(toolNames(request).has('submit'), `call_sim_${bodyHash.slice(0, 8)}_${index}`);
    const cut = limit !== undefined && draft.completionTokens > limit;
    let calls = cut ? [] : (draft.toolCalls ?? []);
    if (calls.length > 0 && input.faults.breakToolArgs()) {
      calls = calls.map((c, j) => (j === 0 ? input.faults.breakCall(c) : c));
      brokenToolCalls++;
    }
    const tokens = cut ? (limit as number) : draft.completionTokens;
    completionTokens += tokens;
    reasoningTokens += Math.min(draft.reasoningTokens, tokens);
    return {
      index,
      message: {
        role: 'assistant',
        content: cut ? draft.cutContent : draft.content,
        refusal: null,
        ...(calls.length > 0 ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) } : {}),
      },
      logprobs: null,
      finish_reason: cut ? 'length' : calls.length > 0 ? 'tool_calls' : 'stop',
    };
  });
  const body = {
    id: `chatcmpl-sim-${hashOf([serverSeed, taskKey ?? '', bodyHash]).slice(0, 24)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'sim',
    system_fingerprint: 'crucible-sim',
    choices,
    usage: {
      prompt_tokens: input.prompt.promptTokens,
      completion_tokens: completionTokens,
      total_tokens: input.prompt.promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: input.prompt.cachedTokens },
      completion_tokens_details: { reasoning_tokens: reasoningTokens },
    },
  };
  return { body, completionTokens, brokenToolCalls };
}
