import type { Session } from '@crucible/core';
import type { ChatMessage, EpisodeInput } from './agent-context.js';
import { userMessage } from './messages.js';

/** Opens the environment session of one sample, with the episode's context. */
export async function openSession(input: EpisodeInput, sampleIndex: number): Promise<Session> {
  return (await input.env.open(input.task, input.envConfig, {
    seed: input.seed,
    episodeId: input.episodeId,
    sampleIndex,
    signal: input.signal,
    unsafeNoSandbox: input.unsafeNoSandbox ?? false,
    cwd: input.cwd ?? process.cwd(),
  })) as Session;
}

/** The opening of every history: the system prompt and the task's first observation. */
export function openingMessages(input: EpisodeInput, session: Session): ChatMessage[] {
  return [{ role: 'system', content: input.env.system(input.task, input.envConfig) }, userMessage(session.observation)];
}
