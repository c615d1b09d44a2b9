import { CrucibleError, type Task } from '@crucible/core';
import type { Instance } from './instance-schema.js';

/** What a code-repo task carries besides the common fields (a type alias, so it fits `Record<string, unknown>`). */
export type CodeTaskMetadata = {
  /** `file:line` of the instance in its dataset. */
  source: string;
  /** The dataset file's directory: relative `repo` paths resolve from here. */
  datasetDir: string;
  /** The repositories directory for `owner/name` repos (config `repos`, or the built-in suite's). */
  reposDir?: string;
  instance?: Instance;
  /** Why the dataset line could not be read; `open()` of such a task fails with `invalid_task`. */
  loadError?: string;
};

/** A task of the code-repo environment. */
export interface CodeTask extends Task {
  metadata: CodeTaskMetadata;
}

const PROMPT_CHARS = 160;

/** A task for a valid instance. */
export function taskFromInstance(instance: Instance, meta: Omit<CodeTaskMetadata, 'instance'>): CodeTask {
  const firstLine = instance.problem_statement.trim().split('\n')[0] ?? '';
  return {
    id: instance.instance_id,
    prompt: firstLine.length > PROMPT_CHARS ? `${firstLine.slice(0, PROMPT_CHARS - 3)}...` : firstLine,
    difficulty: instance.difficulty,
    family: instance.repo,
    metadata: { ...meta, instance },
  };
}

/** A placeholder task for a dataset line that could not be read. */
export function invalidTask(id: string, loadError: string, meta: Omit<CodeTaskMetadata, 'loadError'>): CodeTask {
  return { id, prompt: `(invalid instance) ${loadError}`, metadata: { ...meta, loadError } };
}

/** The instance of a task, or the `invalid_task` error its dataset line earned. */
export function instanceOf(task: CodeTask): Instance {
  const { instance, loadError } = task.metadata;
  if (!instance || loadError) {
    throw new CrucibleError('invalid_task', `${task.id}: ${loadError ?? 'the task carries no instance'}`, {
      hint: `fix the instance at ${task.metadata.source}`,
    });
  }
  return instance;
}
