import { CrucibleError, type ErrorCode } from './errors.js';
import { EPISODE_FORMAT_VERSION } from './episode-record.js';

/**
 * Refuses an episode record of another format, before its fields are read: `where` names the record
 * (`file:line` or an episode id), `code` the reader's error code. Format 1 (model identity `sim`, before
 * `testDouble`) and other older formats say to re-run; a newer one says to upgrade.
 */
export function assertEpisodeFormat(format: unknown, where: string, code: ErrorCode): void {
  if (format === EPISODE_FORMAT_VERSION) return;
  const older = typeof format === 'number' && format < EPISODE_FORMAT_VERSION;
  throw new CrucibleError(code, `${where}: episode format ${String(format)} ${older ? 'was written by an older Crucible; re-run it' : `is not ${EPISODE_FORMAT_VERSION}`}`, {
    retryable: false,
    hint: older
      ? `this Crucible reads format ${EPISODE_FORMAT_VERSION}; re-run the run into a new directory`
      : 'this run was written by another Crucible version; read it with that version or re-run it',
  });
}
