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
import type { TrajectorySample } from '@crucible/core';
import type { ModelChoice, ModelResponse } from '@crucible/model';
import { requestContext, type ChatMessage, type EpisodeInput } from './agent-context.js';
import { EpisodeBudget, type SampleBudget } from './budget.js';
import { judgeCandidate } from './judge.js';
import { openSession, openingMessages } from './open-session.js';
import { generateForced } from './budget-forcing.js';
import { turnOf } from './messages.js';
import { requestSeed } from './seeds.js';
import { notStepped, TrajectoryRecorder } from './trajectory-recorder.js';

/** Consecutive invalid actions that end an episode with `format_errors`. */
export const MAX_CONSECUTIVE_INVALID = 3;

/** One finished sample: its record and its trajectory. */
export interface SampleOutcome {
  record: SampleRecord;
  trajectory: TrajectorySample;
}

/** A first reply already fetched (as one choice of a batched `n` request), with its share of the usage. */
export interface Prefetched {
  choice: ModelChoice;
  usage: Usage;
  /** Wall time of the request that fetched it. */
  ms: number;
}

/** How a sample runs within its episode. */
export interface SampleOptions {
  /** The episode's budget, shared by its samples; a sample run alone gets its own. */
  budget?: EpisodeBudget;
  prefetched?: Prefetched;
}

const NO_SCORE: Score = { value: 0, passed: false, details: { reason: 'no score' } };

/**
 * Runs one trajectory: observation -> model -> tool calls (or the plain-text answer of a single-turn task)
 * -> validation -> step, until the task ends, a limit cuts it, or the model misbehaves three times in a row.
 * Model misbehaviour and environment failures end the sample with an exit reason; they never throw.
 * Only a failure to open the session throws, because then there is no sample at all.
 */
export async function runSample(input: EpisodeInput, index: number, options: SampleOptions = {}): Promise<SampleOutcome> {
  const { env, compute } = input;
  const started = Date.now();
  const budget = (options.budget ?? new EpisodeBudget(compute)).sample();
  const session = await openSession(input, index);
  const recorder = new TrajectoryRecorder(openingMessages(input, session));
  const messages = recorder.messages;
  const tools = env.mode === 'multi-turn' ? toFunctionTools(env.tools) : undefined;
  let usage = emptyUsage();
  let steps = 0;
  let invalid = 0;
  let consecutiveInvalid = 0;
  let revisions = 0;
  let exitReason: ExitReason | undefined;
  let error: SampleRecord['error'];
  let judgeUsage: Usage | undefined;
  let pending = options.prefetched;
  const generation: NonNullable<SampleRecord['generation']> = {};

  try {
    while (exitReason === undefined) {
      if (input.signal.aborted) {
        exitReason = 'cancelled';
        break;
      }
      // A prefetched reply was already paid for within the budget: it is acted on whatever the clock says now.
      const limit = pending ? undefined : budget.exceeded(steps);
      if (limit) {
        exitReason = limit;
        break;
      }
      let choice: ModelChoice;
      let turnUsage: Usage;
      let turnStarted = Date.now();
      if (pending) {
        choice = pending.choice;
        turnUsage = pending.usage;
        turnStarted -= pending.ms;
        pending = undefined;
      } else {
        const response = await callModel(input, messages, tools, index, usage.calls, budget);
        if ('exit' in response) {
          exitReason = response.exit;
          error = response.error;
          break;
        }
        turnUsage = response.usage;
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
      usage = addUsage(usage, turnUsage);
      budget.charge(turnUsage);
      recorder.beginTurn(turnOf(choice), turnUsage, turnStarted);
      const unfinished = unfinishedGeneration(choice, input.signal.aborted);
      if (unfinished) {
        // The partial output stays in the trajectory and its tokens in the usage; the environment never sees it.
        recorder.endWithTail();
        exitReason = unfinished.exitReason;
        error = unfinished.error;
        Object.assign(generation, unfinished.generation);
        break;
      }
      const outcome = await act(input, session, recorder, choice);
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
        // The environment's own limit, told apart from the harness's step limit (`max_steps`).
        exitReason = 'truncated';
        break;
      }
      if (outcome.terminated) {
        if (revisions < compute.strategy.revisions && session.verify) {
          const checkStarted = Date.now();
          const check = await safeVerify(session);
          if ('error' in check) {
            exitReason = 'env_error';
            error = check.error;
            break;
          }
          if (!check.passed) {
            revisions++;
            const text = `Your submission did not pass the check. Feedback:\n${check.feedback}\nRevise your answer and submit again.`;
            recorder.feedback(text, checkStarted, { verification: { passed: check.passed, value: check.value } });
            continue;
          }
        }
        exitReason = 'submitted';
      }
    }
    const score = await safeScore(session);
    let verify: { passed: boolean; value: number } | undefined;
    if (compute.strategy.aggregate === 'best' && compute.strategy.samples > 1) {
      if (session.verify) {
        const check = await safeVerify(session);
        // A check that fails to run ranks the sample last; the sample's own score stands.
        verify = 'error' in check ? { passed: false, value: 0 } : check;
      }
      else if (input.judge) {
        const verdict = await judgeSample(input, session.observation, score.answer ?? lastAssistantText(messages), index);
        // The judge's tokens are its own role's: kept apart from the policy's, charged to the episode's budget.
        judgeUsage = verdict.usage;
        budget.charge(verdict.usage);
        verify = verdict;
      }
    }
    return {
      trajectory: recorder.sample(index),
      record: {
        index,
        exitReason: exitReason ?? 'submitted',
        score,
        verify: verify ? { passed: verify.passed, value: verify.value } : undefined,
        usage,
        ...(judgeUsage ? { judgeUsage } : {}),
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
    return await judgeCandidate(input.judge!, { problem, candidate, seed: input.seed, key: [input.episodeId, index], context: requestContext(input, index, 'judge'), signal: input.signal });
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
  budget: SampleBudget,
): Promise<CallResult> {
  const { compute } = input;
  const signal = budget.signal(input.signal);
  try {
    const forced = await generateForced(
      input.model,
      {
        messages: [...messages],
        tools,
        reasoningEffort: compute.sampling.reasoningEffort,
        maxTokens: compute.sampling.maxTokens,
        temperature: compute.sampling.temperature,
        seed: requestSeed(input.seed, input.episodeId, index, call),
        context: requestContext(input, index, 'policy'),
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

async function act(input: EpisodeInput, session: Session, recorder: TrajectoryRecorder, choice: ModelChoice): Promise<ActOutcome> {
  const { env } = input;
  const out: ActOutcome = { steps: 0, invalid: 0, terminated: false, truncated: false };
  const calls = choice.message.tool_calls ?? [];
  const started = Date.now();
  if (calls.length === 0) {
    if (env.mode === 'single-turn' && env.answerTool) {
      const answer = { [env.answerTool.field]: choice.message.content ?? '' };
      return step(session, { tool: env.answerTool.tool, input: answer } as Action, out, recorder, { kind: 'answer', tool: env.answerTool.tool, input: answer });
    }
    out.invalid = 1;
    const observation = `Error: no tool call. Reply with exactly one call to one of the tools: ${Object.keys(env.tools).join(', ')}.`;
    recorder.record({ kind: 'invalid' }, observation, started, notStepped({ error: 'no tool call' }));
    return out;
  }
  for (const call of calls) {
    const called = { tool: call.function.name, callId: call.id, raw: call.function.arguments };
    if (out.terminated || out.truncated || out.envError) {
      recorder.record({ kind: 'tool_call', ...called }, 'Error: not run, the episode already ended.', Date.now(), notStepped({ notRun: true }));
      continue;
    }
    const parsed = parseAction(env.tools, call.function.name, call.function.arguments);
    if (!parsed.ok) {
      out.invalid++;
      recorder.record({ kind: 'invalid', ...called }, `Error: ${parsed.error}`, Date.now(), notStepped({ error: parsed.error }));
      continue;
    }
    await step(session, parsed.action, out, recorder, { kind: 'tool_call', ...called, input: parsed.action.input });
  }
  return out;
}

async function step(session: Session, action: Action, out: ActOutcome, recorder: TrajectoryRecorder, recorded: Parameters<TrajectoryRecorder['record']>[0]): Promise<ActOutcome> {
  const started = Date.now();
  try {
    const result = await session.step(action);
    out.steps++;
    recorder.record(recorded, result.observation, started, { reward: result.reward, terminated: result.terminated, truncated: result.truncated, info: result.info });
    out.terminated ||= result.terminated;
    out.truncated ||= result.truncated && !result.terminated;
  } catch (err) {
    const code = err instanceof CrucibleError ? err.code : 'env_error';
    out.envError = { code, message: (err as Error).message };
    recorder.record(recorded, `Error: the environment failed: ${(err as Error).message}`, started, notStepped({ error: out.envError }));
  }
  return out;
}
