import { CrucibleError, type ErrorCode } from './errors.js';
import { EPISODE_FORMAT_VERSION } from './episode-record.js';

/**
 * What is wrong with an episode record's `format`, or undefined when this Crucible reads it. Format 1 (model
 * identity `sim`, before `testDouble`) and other older formats say to re-run; a newer one says to upgrade.
 */
export function episodeFormatProblem(format: unknown): string | undefined {
  if (format === EPISODE_FORMAT_VERSION) return undefined;
  const older = typeof format === 'number' && format < EPISODE_FORMAT_VERSION;
  return older
    ? `episode format ${String(format)} was written by an older Crucible; re-run it into a new directory (this Crucible reads format ${EPISODE_FORMAT_VERSION})`
    : `episode format ${String(format)} is not ${EPISODE_FORMAT_VERSION}: this run was written by another Crucible version; read it with that version or re-run it`;
}

/**
 * Refuses an episode record of another format, before its fields are read: `where` names the record
 * (`file:line` or an episode id), `code` the reader's error code.
 */
export function assertEpisodeFormat(format: unknown, where: string, code: ErrorCode): void {
  const problem = episodeFormatProblem(format);
  if (problem === undefined) return;
  const older = typeof format === 'number' && format < EPISODE_FORMAT_VERSION;
  throw new CrucibleError(code, `${where}: ${problem}`, {
    retryable: false,
    hint: older ? `this Crucible reads format ${EPISODE_FORMAT_VERSION}; re-run the run into a new directory` : 'this run was written by another Crucible version; read it with that version or re-run it',
  });
}
