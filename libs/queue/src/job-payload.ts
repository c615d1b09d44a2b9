import { CrucibleError, isCrucibleError, type ErrorCode } from '@crucible/core';
import type { EpisodeJob } from './episode-executor.js';

/** What a BullMQ job holds: the episode and the workspace version it must run under. */
export interface QueuedEpisode {
  job: EpisodeJob;
  /** The coordinator's workspace version; a worker with another version refuses the job. */
  workspaceVersion: string;
}

/** An error as it crosses Redis (BullMQ keeps only a message string, so the fields travel as JSON in it). */
interface WireError {
  code: ErrorCode | 'unknown';
  message: string;
  hint?: string;
  retryable: boolean;
  worker: string;
}

const MARK = 'crucible-error ';

/** Turns what `runJob` threw into an Error whose message carries the code, so the coordinator can rebuild it. */
export function encodeFailure(err: unknown, worker: string): Error {
  const wire: WireError = isCrucibleError(err)
    ? { code: err.code, message: err.message, hint: err.hint, retryable: err.retryable, worker }
    : { code: 'unknown', message: err instanceof Error ? err.message : String(err), retryable: true, worker };
  return new Error(MARK + JSON.stringify(wire));
}

/** Rebuilds the worker's error on the coordinator; BullMQ's own reasons (stalled too often, lock lost) become `queue_error`. */
export function decodeFailure(reason: string | undefined, episodeId: string): CrucibleError {
  if (reason?.startsWith(MARK)) {
    try {
      const wire = JSON.parse(reason.slice(MARK.length)) as WireError;
      const code: ErrorCode = wire.code === 'unknown' ? 'queue_error' : wire.code;
      return new CrucibleError(code, `episode ${episodeId} failed on worker ${wire.worker}: ${wire.message}`, {
        hint: wire.hint,
        retryable: wire.retryable,
      });
    } catch {
      // fall through: a message that merely starts like ours
    }
  }
  return new CrucibleError('queue_error', `episode ${episodeId} failed in the queue: ${reason ?? 'no reason given'}`, {
    retryable: true,
  });
}
