import type { Rng } from '@crucible/core';
import { JUDGE_ACCURACY, JUDGE_TOKENS } from './policy-constants.js';
import type { SimMessage } from './sim-request.js';
import type { DraftChoice } from './sim-types.js';
import type { TaskScript } from './task-script.js';

/** Task keys with this prefix ask the sim to judge a candidate for the task, not to solve it. */
export const JUDGE_KEY_PREFIX = 'judge:';

function lastUserText(messages: readonly SimMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'user') return typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? '');
  }
  return '';
}

function sameAnswer(a: string, b: string): boolean {
  const clean = (s: string) => s.replace(/\s+/g, '').replace(/^\$|\.$/g, '').replace(/,(?=\d{3}\b)/g, '');
  const x = clean(a);
  const y = clean(b);
  if (x === y) return true;
  const nx = Number(x);
  const ny = Number(y);
  return x !== '' && y !== '' && Number.isFinite(nx) && Number.isFinite(ny) && Math.abs(nx - ny) < 1e-9;
}

/**
 * A simulated LLM judge: reads the candidate between `<answer>` tags in the prompt (the judge's input, as
 * for a real judge), knows the reference from the task's script, and returns `SCORE: N` (0-10) that is right with
 * probability {@link JUDGE_ACCURACY}, so best-of-N with a judge is informative but imperfect.
 */
export function judgeChoice(hint: TaskScript, messages: readonly SimMessage[], rng: Rng): DraftChoice {
  const candidate = /<answer>([\s\S]*?)<\/answer>/.exec(lastUserText(messages))?.[1]?.trim() ?? '';
  const correct = hint.kind === 'answer' ? candidate !== '' && sameAnswer(candidate, hint.answer) : false;
  const verdictRight = rng.chance(JUDGE_ACCURACY);
  const good = correct === verdictRight;
  const score = good ? rng.int(7, 10) : rng.int(0, 3);
  const content = `[sim] judge: the candidate ${good ? 'looks correct' : 'looks wrong'}.\nSCORE: ${score}`;
  return { content, cutContent: '[sim] judge:', completionTokens: JUDGE_TOKENS, reasoningTokens: 0 };
}
