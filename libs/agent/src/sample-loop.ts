import {
  CrucibleError,
  addUsage,
  emptyUsage,
  isCrucibleError,
  parseAction,
  toFunctionTools,
  type Action,
  type ExitReason,
  type SampleRecord,
  type Score,
  type Session,
  type Usage,
} from '@crucible/core';
import type { ModelChoice, ModelResponse } from '@crucible/model';
import type { ChatMessage, EpisodeInput } from './agent-context.js';
import { EpisodeBudget } from './budget.js';
import { judgeCandidate } from './judge.js';
import { openSession, openingMessages } from './open-session.js';
import { generateForced } from './budget-forcing.js';
import { assistantMessage, toolMessage, userMessage } from './messages.js';
import { requestSeed } from './seeds.js';

/** Consecutive invalid actions that end an episode with `format_errors`. */
export const MAX_CONSECUTIVE_INVALID = 3;

/** One finished sample: its record and its full message history. */
export interface SampleOutcome {
  record: SampleRecord;
  messages: ChatMessage[];
}

/** A first reply already fetched (as one choice of a batched `n` request), with its share of the usage. */
export interface Prefetched {
  choice: ModelChoice;
  usage: Usage;
}

const NO_SCORE: Score = { value: 0, passed: false, details: { reason: 'no score' } };

/**
 * Runs one trajectory: observation -> model -> tool calls (or the plain-text answer of a single-turn task)
 * -> validation -> step, until the task ends, a limit cuts it, or the model misbehaves three times in a row.
 * Model misbehaviour and environment failures end the sample with an exit reason; they never throw.
 * Only a failure to open the session throws, because then there is no sample at all.
 */
export async function runSample(input: EpisodeInput, index: number, prefetched?: Prefetched): Promise<SampleOutcome> {
  const { env, compute } = input;
  const started = Date.now();
  const budget = new EpisodeBudget(compute);
  const session = await openSession(input, index);
  const messages: ChatMessage[] = openingMessages(input, session);
  const tools = env.mode === 'multi-turn' ? toFunctionTools(env.tools) : undefined;
  let usage = emptyUsage();
  let steps = 0;
  let invalid = 0;
  let consecutiveInvalid = 0;
  let revisions = 0;
  let exitReason: ExitReason | undefined;
  let error: SampleRecord['error'];
  let pending = prefetched;
  const generation: NonNullable<SampleRecord['generation']> = {};

  try {
    while (exitReason === undefined) {
      if (input.signal.aborted) {
        exitReason = 'cancelled';
        break;
      }
      const limit = budget.exceeded(steps, usage);
      if (limit) {
        exitReason = limit;
        break;
      }
      let choice: ModelChoice;
      if (pending) {
        choice = pending.choice;
        usage = addUsage(usage, pending.usage);
        pending = undefined;
      } else {
        const response = await callModel(input, messages, tools, index, usage.calls, budget);
        if ('exit' in response) {
          exitReason = response.exit;
          error = response.error;
          break;
        }
        usage = addUsage(usage, response.usage);
        if (response.forcedStops) generation.forcedStops = (generation.forcedStops ?? 0) + response.forcedStops;
        if (response.waits) generation.waits = (generation.waits ?? 0) + response.waits;
        const first = response.choices[0];
        if (!first) {
          exitReason = 'model_error';
          error = { code: 'malformed_response', message: 'the endpoint returned no choices' };
          break;
        }
        choice = first;
      }
      messages.push(assistantMessage(choice));
      const unfinished = unfinishedGeneration(choice, input.signal.aborted);
      if (unfinished) {
        // The partial output stays in the trajectory and its tokens in the usage; the environment never sees it.
        exitReason = unfinished.exitReason;
        error = unfinished.error;
        Object.assign(generation, unfinished.generation);
        break;
      }
      const outcome = await act(input, session, messages, choice);
      steps += outcome.steps;
      invalid += outcome.invalid;
      consecutiveInvalid = outcome.invalid > 0 && outcome.steps === 0 ? consecutiveInvalid + outcome.invalid : 0;
      if (outcome.envError) {
        exitReason = 'env_error';
        error = outcome.envError;
        break;
      }
      if (consecutiveInvalid >= MAX_CONSECUTIVE_INVALID) {
        exitReason = 'format_errors';
        break;
      }
      if (outcome.truncated) {
        exitReason = 'max_steps';
        break;
      }
      if (outcome.terminated) {
        if (revisions < compute.revisions && session.verify) {
          const check = await safeVerify(session);
          if ('error' in check) {
            exitReason = 'env_error';
            error = check.error;
            break;
          }
          if (!check.passed) {
            revisions++;
            messages.push(userMessage(`Your submission did not pass the check. Feedback:\n${check.feedback}\nRevise your answer and submit again.`));
            continue;
          }
        }
        exitReason = 'submitted';
      }
    }
    const score = await safeScore(session);
    let verify: { passed: boolean; value: number } | undefined;
    if (compute.aggregate === 'best' && compute.samples > 1) {
      if (session.verify) {
        const check = await safeVerify(session);
        // A check that fails to run ranks the sample last; the sample's own score stands.
        verify = 'error' in check ? { passed: false, value: 0 } : check;
      }
      else if (input.judge) {
        const verdict = await judgeSample(input, session.observation, score.answer ?? lastAssistantText(messages), index);
        usage = addUsage(usage, verdict.usage);
        verify = verdict;
      }
    }
    return {
      messages,
      record: {
        index,
        exitReason: exitReason ?? 'submitted',
        score,
        verify: verify ? { passed: verify.passed, value: verify.value } : undefined,
        usage,
        steps,
        invalidActions: invalid,
        revisions,
        wallMs: Date.now() - started,
        error,
        ...(Object.keys(generation).length > 0 ? { generation } : {}),
      },
    };
  } finally {
    await session.close().catch(() => undefined);
  }
}

async function judgeSample(input: EpisodeInput, problem: string, candidate: string, index: number) {
  try {
    return await judgeCandidate(input.judge!, { problem, candidate, seed: input.seed, key: [input.episodeId, index], context: { env: input.env.name, taskId: input.task.id, episodeId: input.episodeId, sampleIndex: index, role: 'judge' }, signal: input.signal });
  } catch {
    // A judge that fails ranks the candidate last; the sample itself is unaffected.
    return { value: 0, passed: false, usage: emptyUsage() };
  }
}

function lastAssistantText(messages: ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'assistant' && typeof m.content === 'string') return m.content;
  }
  return '';
}

async function safeVerify(session: Session): Promise<{ passed: boolean; value: number; feedback: string } | { error: { code: string; message: string } }> {
  try {
    return await session.verify!();
  } catch (err) {
    return { error: { code: err instanceof CrucibleError ? err.code : 'env_error', message: (err as Error).message } };
  }
}

async function safeScore(session: Session): Promise<Score> {
  try {
    return await session.score();
  } catch (err) {
    return { ...NO_SCORE, details: { reason: 'score failed', error: (err as Error).message } };
  }
}

const CUT_CODES = { idle_timeout: 'timeout', wall_timeout: 'timeout', disconnected: 'connection_error' } as const;

/**
 * A generation that gives the environment nothing to act on: a stream cut after tokens arrived (an infra
 * fault, recorded with its partial output and never re-sent), a stream the episode's time budget or a
 * cancel stopped (its tokens kept), or one that ended inside its thinking (no answer).
 */
function unfinishedGeneration(choice: ModelChoice, cancelled: boolean): { exitReason: ExitReason; error?: SampleRecord['error']; generation: NonNullable<SampleRecord['generation']> } | undefined {
  if (choice.finishReason === 'aborted') return { exitReason: cancelled ? 'cancelled' : 'time_limit', generation: { cut: 'aborted', ...(choice.inThinking ? { noAnswer: true } : {}) } };
  const cut = choice.finishReason as keyof typeof CUT_CODES;
  if (cut in CUT_CODES) {
    const message = `the generation was cut (${cut}) after it had started streaming; its partial output is kept and it was not re-sent`;
    return { exitReason: 'model_error', error: { code: CUT_CODES[cut], message }, generation: { cut, ...(choice.inThinking ? { noAnswer: true } : {}) } };
  }
  if (choice.inThinking) return { exitReason: 'token_budget', generation: { noAnswer: true } };
  return undefined;
}

type CallResult = (ModelResponse & { forcedStops?: number; waits?: number }) | { exit: ExitReason; error?: SampleRecord['error'] };

async function callModel(
  input: EpisodeInput,
  messages: ChatMessage[],
  tools: ReturnType<typeof toFunctionTools> | undefined,
  index: number,
  call: number,
  budget: EpisodeBudget,
): Promise<CallResult> {
  const { compute } = input;
  const remaining = budget.remainingMs();
  const signal = remaining === undefined ? input.signal : AbortSignal.any([input.signal, AbortSignal.timeout(remaining)]);
  try {
    const forced = await generateForced(
      input.model,
      {
        messages: [...messages],
        tools,
        reasoningEffort: compute.reasoningEffort,
        maxTokens: compute.maxTokens,
        temperature: compute.temperature,
        seed: requestSeed(input.seed, input.episodeId, index, call),
        context: { env: input.env.name, taskId: input.task.id, episodeId: input.episodeId, sampleIndex: index, role: 'policy' },
      },
      compute,
      signal,
    );
    return { ...forced.response, forcedStops: forced.forcedStops, waits: forced.waits };
  } catch (err) {
    if (input.signal.aborted) return { exit: 'cancelled' };
    if (signal.aborted) return { exit: 'time_limit' };
    if (isCrucibleError(err) && err.code === 'context_overflow') return { exit: 'context_overflow', error: { code: err.code, message: err.message } };
    if (isCrucibleError(err)) return { exit: 'model_error', error: { code: err.code, message: err.message } };
    return { exit: 'model_error', error: { code: 'endpoint_error', message: (err as Error).message } };
  }
}

interface ActOutcome {
  steps: number;
  invalid: number;
  terminated: boolean;
  truncated: boolean;
  envError?: SampleRecord['error'];
}

async function act(input: EpisodeInput, session: Session, messages: ChatMessage[], choice: ModelChoice): Promise<ActOutcome> {
  const { env } = input;
  const out: ActOutcome = { steps: 0, invalid: 0, terminated: false, truncated: false };
  const calls = choice.message.tool_calls ?? [];
  if (calls.length === 0) {
    if (env.mode === 'single-turn' && env.answerTool) {
      const action = { tool: env.answerTool.tool, input: { [env.answerTool.field]: choice.message.content ?? '' } } as Action;
      return step(session, action, out, (observation) => messages.push(userMessage(observation)));
    }
    out.invalid = 1;
    messages.push(userMessage(`Error: no tool call. Reply with exactly one call to one of the tools: ${Object.keys(env.tools).join(', ')}.`));
    return out;
  }
  for (const call of calls) {
    if (out.terminated || out.truncated || out.envError) {
      messages.push(toolMessage(call.id, 'Error: not run, the episode already ended.'));
      continue;
    }
    const parsed = parseAction(env.tools, call.function.name, call.function.arguments);
    if (!parsed.ok) {
      out.invalid++;
      messages.push(toolMessage(call.id, `Error: ${parsed.error}`));
      continue;
    }
    await step(session, parsed.action, out, (observation) => messages.push(toolMessage(call.id, observation)));
  }
  return out;
}

async function step(session: Session, action: Action, out: ActOutcome, reply: (observation: string) => void): Promise<ActOutcome> {
  try {
    const result = await session.step(action);
    out.steps++;
    reply(result.observation);
    out.terminated ||= result.terminated;
    out.truncated ||= result.truncated && !result.terminated;
  } catch (err) {
    const code = err instanceof CrucibleError ? err.code : 'env_error';
    out.envError = { code, message: (err as Error).message };
    reply(`Error: the environment failed: ${(err as Error).message}`);
  }
  return out;
}
