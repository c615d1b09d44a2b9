import { CrucibleError } from '@crucible/core';
import type { TaskScript } from './task-script.js';

/**
 * Registers task scripts with a sim running in another process (POST /sim/tasks), so a runner can
 * tell it which task each `x-crucible-sim-task` key stands for. `baseUrl` is the OpenAI base URL (…/v1).
 */
export async function registerSimTasks(baseUrl: string, tasks: Array<{ key: string; script: TaskScript }>, signal?: AbortSignal): Promise<void> {
  const url = `${baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '')}/sim/tasks`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tasks }), signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new CrucibleError('connection_error', `cannot reach the sim at ${url}: ${(err as Error).message}`, {
      cause: err,
      hint: 'start it with `crucible sim serve` or check --base-url',
    });
  }
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    throw new CrucibleError('endpoint_error', `sim at ${url} refused the task scripts (${res.status}): ${text.slice(0, 500)}`, { retryable: false });
  }
}
