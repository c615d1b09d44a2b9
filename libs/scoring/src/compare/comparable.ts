import { CrucibleError } from '@crucible/core';

/** What identifies the population a run measured: its environment and dataset. */
export interface RunIdentity {
  /** Where the run came from, for the message (a directory). */
  where: string;
  env: string;
  /** The dataset file's base name, when the environment read one. */
  dataset?: string;
}

/**
 * Refuses to compare runs of different environments or datasets (unless `intersection`, for the dataset):
 * their accuracies measure different things. Dataset paths are compared by file name, because a baseline
 * committed from one machine is replayed on another.
 */
export function checkComparable(base: RunIdentity, next: RunIdentity, intersection = false): void {
  if (base.env !== next.env) {
    throw new CrucibleError('run_mismatch', `${base.where} is a run of environment "${base.env}" and ${next.where} of "${next.env}"`, {
      hint: 'compare two runs of the same environment',
    });
  }
  if ((base.dataset ?? '') !== (next.dataset ?? '') && !intersection) {
    throw new CrucibleError('run_mismatch', `the datasets differ: "${base.dataset ?? '(generated tasks)'}" in ${base.where}, "${next.dataset ?? '(generated tasks)'}" in ${next.where}`, {
      hint: 'rerun on the same dataset, or pass --intersection to compare the tasks both hold',
    });
  }
}
