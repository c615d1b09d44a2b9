import type { SimHint } from '@crucible/core';

// Temporary on this branch: the sim helper replaces the task key with the request context (C1) and the
// registrar with the CLI's `onTasksLoaded` hook (C2), and deletes this file.

/** Registers tasks' sim hints with the sim model, out of band (never through the prompt). */
export type SimRegistrar = (tasks: Array<{ key: string; hint: SimHint }>) => void | Promise<void>;

/** The out-of-band key the sim uses to find a task's hint. */
export function simTaskKey(envName: string, taskId: string): string {
  return `${envName}:${taskId}`;
}
