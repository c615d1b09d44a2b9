import { describe, expect, it } from 'vitest';
import { assertEpisodeFormat } from './episode-format.js';
import { EPISODE_FORMAT_VERSION } from './episode-record.js';

describe('assertEpisodeFormat', () => {
  it('accepts the current format', () => {
    expect(EPISODE_FORMAT_VERSION).toBe(2);
    expect(() => assertEpisodeFormat(2, 'runs/x/episodes.jsonl:1', 'store_error')).not.toThrow();
  });

  it('refuses format 1 as written by an older Crucible, naming where', () => {
    expect(() => assertEpisodeFormat(1, 'runs/x/episodes.jsonl:3', 'store_error')).toThrow(
      expect.objectContaining({ code: 'store_error', message: expect.stringMatching(/^runs\/x\/episodes\.jsonl:3: episode format 1 was written by an older Crucible; re-run it/), retryable: false }),
    );
  });

  it('refuses a missing or newer format without calling it older', () => {
    expect(() => assertEpisodeFormat(undefined, 'episode e1', 'invalid_dataset')).toThrow(/episode e1: episode format undefined is not 2/);
    expect(() => assertEpisodeFormat(3, 'episode e1', 'invalid_dataset')).toThrow(expect.objectContaining({ code: 'invalid_dataset', hint: expect.stringContaining('another Crucible version') }));
  });
});
