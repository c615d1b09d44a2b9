import { addUsage, type Compute, type Usage } from '@crucible/core';
import { CUT_REASONS, type ModelChoice, type ModelClient, type ModelRequest, type ModelResponse } from '@crucible/model';

/** Default tags budget forcing writes when the client has none configured. */
const TAGS = { open: '<think>', close: '</think>' };
/** What budget forcing appends after stopped thinking, as in s1. */
export const FORCED_ANSWER_CUE = 'Final Answer:';
/** What it appends to thinking that ended early, as in s1. */
export const WAIT_CUE = 'Wait';
/** Completion tokens allowed for the answer after the thinking when `maxTokens` is not set. */
const ANSWER_ALLOWANCE = 1024;
const DEFAULT_MAX_WAITS = 2;

/** A generation under the compute's thinking settings, and what budget forcing did to it. */
export interface ForcedGeneration {
  response: ModelResponse;
  forcedStops: number;
  waits: number;
}


/**
 * One model call under the compute's thinking settings. Without budget forcing the budget is passed
 * through (`thinkingTokens`, the endpoint's thinking field). With it (s1, Muennighoff et al. 2025), over
 * assistant-prefill continuation: `stop` caps the thinking call at the budget and, when the model is still
 * thinking, closes the thinking and appends "Final Answer:" to force the answer; `wait` also replaces an
 * answer that came before the budget was spent with "Wait" and lets the model think on, at most `maxWaits`
 * times. Every call's usage is counted, discarded early answers included (they were billed).
 */
export async function generateForced(model: ModelClient, req: ModelRequest, compute: Compute, signal: AbortSignal): Promise<ForcedGeneration> {
  const mode = compute.sampling.budgetForcing ?? 'off';
  const budget = compute.sampling.thinkingTokens;
  if (mode === 'off' || budget === undefined || (req.n ?? 1) > 1) {
    return { response: await model.generate({ ...req, thinkingTokens: budget }, signal), forcedStops: 0, waits: 0 };
  }
  const tags = model.thinkTags ?? TAGS;
  const maxWaits = compute.sampling.maxWaits ?? DEFAULT_MAX_WAITS;
  let reasoning = '';
  let thought = 0;
  let answerPrefix = '';
  let forcedStops = 0;
  let waits = 0;
  let prefill: string | undefined;
  let maxTokens = mode === 'stop' ? budget : compute.sampling.maxTokens;
  let usage: Usage | undefined;
  for (;;) {
    const response = await model.generate({ ...req, prefill, maxTokens }, signal);
    const total = usage ? addUsage(usage, response.usage) : response.usage;
    usage = total;
    const choice = response.choices[0];
    if (!choice) return { response: { ...response, usage: total }, forcedStops, waits };
    // The stored reasoning reads as the model's own thinking, with the appended "Wait"s where they went.
    const more = choice.message.reasoning ?? '';
    if (prefill?.endsWith(WAIT_CUE)) reasoning = `${reasoning}\n${WAIT_CUE}${more ? ` ${more}` : ''}`;
    else reasoning = [reasoning, more].filter(Boolean).join('\n');
    thought += response.usage.reasoningTokens;
    const done = (c: ModelChoice): ForcedGeneration => ({
      response: { ...response, usage: total, choices: [{ ...c, message: { ...c.message, content: c.message.content === null ? null : `${answerPrefix}${c.message.content}`, ...(reasoning ? { reasoning } : {}) } }] },
      forcedStops,
      waits,
    });
    if (CUT_REASONS.has(choice.finishReason)) return done(choice);
    const calls = choice.message.tool_calls ?? [];
    if (choice.finishReason === 'length' && choice.inThinking) {
      if (forcedStops > 0) return done(choice);
      // Still thinking at the budget: close the thinking and force the answer.
      forcedStops++;
      answerPrefix = `${FORCED_ANSWER_CUE} `;
      prefill = `${tags.open}\n${reasoning}\n${tags.close}\n${FORCED_ANSWER_CUE}`;
      maxTokens = compute.sampling.maxTokens ?? ANSWER_ALLOWANCE;
      continue;
    }
    if (mode === 'wait' && thought < budget && waits < maxWaits && calls.length === 0 && choice.finishReason === 'stop') {
      // Thinking ended before the budget: drop the answer, append "Wait" and let it think on.
      waits++;
      prefill = `${tags.open}\n${reasoning}\n${WAIT_CUE}`;
      maxTokens = budget - thought + (compute.sampling.maxTokens ?? ANSWER_ALLOWANCE);
      continue;
    }
    if (mode === 'stop' && choice.finishReason === 'length' && prefill === undefined && calls.length === 0 && choice.message.content) {
      // The budget cut the answer that followed finished thinking: let the answer finish.
      answerPrefix = choice.message.content;
      prefill = `${tags.open}\n${reasoning}\n${tags.close}\n${choice.message.content}`;
      maxTokens = compute.sampling.maxTokens ?? ANSWER_ALLOWANCE;
      continue;
    }
    return done(choice);
  }
}
