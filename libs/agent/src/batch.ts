import { isCrucibleError, type Usage } from '@crucible/core';
import type { ModelClient, ModelResponse } from '@crucible/model';
import { requestContext, type ChatMessage, type EpisodeInput } from './agent-context.js';
import type { EpisodeBudget } from './budget.js';
import type { Prefetched } from './sample-loop.js';
import { requestSeed } from './seeds.js';

/** Endpoints that refused `n > 1` once are not asked again in this process. */
const nRefused = new WeakSet<ModelClient>();

/** Whether a single-turn draw of `count` samples should go out as `n`-batched requests. */
export function canBatch(input: EpisodeInput, count: number): boolean {
  // Budget forcing continues each sample's own thinking, one request per sample.
  const forcing = input.compute.sampling.budgetForcing !== undefined && input.compute.sampling.budgetForcing !== 'off';
  return input.env.mode === 'single-turn' && input.compute.transport.batch && input.compute.strategy.revisions === 0 && count > 1 && !forcing && !nRefused.has(input.model);
}

/**
 * Draws the first replies of samples `[start, start + count)` as requests with `n` set (one prefill for many
 * samples), split into chunks of at most `maxN`. Returns one entry per sample: its prefetched reply,
 * or the error that sank its chunk, or `undefined` when the endpoint refused `n` and the caller must fall back.
 */
export async function drawBatched(
  input: EpisodeInput,
  messages: ChatMessage[],
  start: number,
  count: number,
  budget: EpisodeBudget,
): Promise<Array<Prefetched | { error: { code: string; message: string } }> | undefined> {
  const out: Array<Prefetched | { error: { code: string; message: string } }> = [];
  for (let offset = 0; offset < count; offset += input.compute.transport.maxN) {
    const n = Math.min(input.compute.transport.maxN, count - offset);
    let response: ModelResponse;
    // The episode's clock covers the batched first turn too: every chunk spends the same episode time, and no
    // sample's first turn may outlast the per-sample limit.
    const signal = budget.sample().signal(input.signal);
    const requested = Date.now();
    try {
      response = await input.model.generate(
        {
          messages,
          n,
          reasoningEffort: input.compute.sampling.reasoningEffort,
          thinkingTokens: input.compute.sampling.thinkingTokens,
          maxTokens: input.compute.sampling.maxTokens,
          temperature: input.compute.sampling.temperature,
          seed: requestSeed(input.seed, input.episodeId, 'batch', start + offset),
          context: requestContext(input, start + offset, 'policy'),
        },
        signal,
      );
    } catch (err) {
      if (isCrucibleError(err) && err.details?.['nUnsupported'] && out.length === 0) {
        nRefused.add(input.model);
        return undefined;
      }
      const error = input.signal.aborted
        ? { code: 'cancelled', message: 'the run was cancelled' }
        : signal.aborted
          ? { code: 'time_limit', message: `the batched draw ran past the episode's time limit (${timeLimitText(input.compute)})` }
          : isCrucibleError(err)
            ? { code: err.code, message: err.message }
            : { code: 'endpoint_error', message: (err as Error).message };
      for (let i = 0; i < n; i++) out.push({ error });
      continue;
    }
    const shares = splitUsage(response.usage, n);
    const ms = Date.now() - requested;
    for (let i = 0; i < n; i++) {
      const choice = response.choices[i];
      out.push(choice ? { choice, usage: shares[i]!, ms } : { error: { code: 'malformed_response', message: `the endpoint returned ${response.choices.length} choices for n=${n}` } });
    }
  }
  return out;
}

/**
 * Splits one request's usage over its n choices so that per-sample figures add up to the request's.
 * The request counts as one call, on the first sample; token counts are spread evenly (the API reports only totals).
 */
export function splitUsage(usage: Usage, n: number): Usage[] {
  const split = (total: number) => Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
  const prompt = split(usage.promptTokens);
  const completion = split(usage.completionTokens);
  const cached = split(usage.cachedTokens);
  const reasoning = split(usage.reasoningTokens);
  return Array.from({ length: n }, (_, i) => ({
    calls: i === 0 ? usage.calls : 0,
    promptTokens: prompt[i]!,
    completionTokens: completion[i]!,
    cachedTokens: cached[i]!,
    reasoningTokens: reasoning[i]!,
  }));
}

function timeLimitText(compute: EpisodeInput['compute']): string {
  const { perSample, perEpisode } = compute.limits;
  return [perEpisode.maxSeconds !== undefined ? `${perEpisode.maxSeconds} s per episode` : '', perSample.maxSeconds !== undefined ? `${perSample.maxSeconds} s per sample` : ''].filter(Boolean).join(', ');
}
