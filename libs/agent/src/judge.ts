import { emptyUsage, type Usage } from '@crucible/core';
import type { ModelClient, RequestContext } from '@crucible/model';
import { requestSeed } from './seeds.js';

/** The judge's instructions. Asks for a bare score line so any instruction-following model can be used. */
export const JUDGE_SYSTEM_PROMPT =
  'You are a strict grader. You are given a problem and one candidate final answer. Judge whether the answer is correct. ' +
  'Think briefly, then end with a line "SCORE: N" where N is 0 (certainly wrong) to 10 (certainly correct).';

/** A judge's verdict on one candidate. */
export interface JudgeVerdict {
  /** 0..1; 0 when the judge's reply could not be read. */
  value: number;
  passed: boolean;
  usage: Usage;
  raw: string;
}

/**
 * Asks an LLM judge to rate one candidate answer, for best-of-N on environments without their own `verify()`.
 * The judge sees the problem and the candidate only, never a reference answer.
 */
export async function judgeCandidate(
  judge: ModelClient,
  args: { problem: string; candidate: string; seed: number; key: Array<string | number>; context?: RequestContext; signal: AbortSignal },
): Promise<JudgeVerdict> {
  const response = await judge.generate(
    {
      messages: [
        { role: 'system', content: JUDGE_SYSTEM_PROMPT },
        { role: 'user', content: `Problem:\n${args.problem}\n\nCandidate answer:\n<answer>${args.candidate}</answer>` },
      ],
      temperature: 0,
      seed: requestSeed(args.seed, 'judge', ...args.key),
      context: args.context,
    },
    args.signal,
  );
  const raw = response.choices[0]?.message.content ?? '';
  // The last score line counts: a judge may quote the format or revise itself before the end.
  const match = [...raw.matchAll(/SCORE:\s*(\d+(?:\.\d+)?)/gi)].at(-1);
  const value = match ? Math.min(1, Math.max(0, Number(match[1]) / 10)) : 0;
  return { value, passed: value >= 0.5, usage: response.usage ?? emptyUsage(), raw };
}
