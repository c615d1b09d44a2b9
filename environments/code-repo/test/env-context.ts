import type { EpisodeContext } from '@crucible/core';
import { CodeRepoConfigSchema, type CodeRepoConfig } from '../src/config.js';

/** An episode context as the runner would pass it. */
export function episodeContext(cwd: string, overrides: Partial<EpisodeContext> = {}): EpisodeContext {
  return {
    seed: 1,
    episodeId: 'ep-test',
    sampleIndex: 0,
    signal: new AbortController().signal,
    unsafeNoSandbox: false,
    cwd,
    ...overrides,
  };
}

/** A parsed config (defaults filled in). */
export function config(input: Record<string, unknown>): CodeRepoConfig {
  return CodeRepoConfigSchema.parse(input);
}
