import type { RequestContext } from '@crucible/model';
import { JUDGE_KEY_PREFIX } from './judge-policy.js';

/**
 * The header that carries a sim task key out of band. Only a client talking to the sim sends it,
 * so the sim never has to read the prompt to know which task it is playing.
 */
export const SIM_TASK_HEADER = 'x-crucible-sim-task';

/** The key the sim knows a task by (scripts are registered under it): `env:taskId`. */
export function simTaskKey(env: string, taskId: string): string {
  return `${env}:${taskId}`;
}

/**
 * The sim's headers for one request: its task key from the request's context, prefixed `judge:` when the
 * judge asks (the sim then grades a candidate instead of solving the task). No context: no header.
 */
export function simTaskHeaders(context: RequestContext | undefined): Record<string, string> | undefined {
  if (!context) return undefined;
  const key = simTaskKey(context.env, context.taskId);
  return { [SIM_TASK_HEADER]: context.role === 'judge' ? `${JUDGE_KEY_PREFIX}${key}` : key };
}
