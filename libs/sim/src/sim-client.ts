import { createModelClient, type ModelClient, type ModelClientOptions } from '@crucible/model';
import { simTaskHeaders } from './sim-header.js';

/** The name the sim answers to. */
export const SIM_MODEL = 'sim';

/** Options of {@link createSimClient}: a model client's, less what the sim fixes (model name, test double, headers). */
export type SimClientOptions = Omit<ModelClientOptions, 'model' | 'testDouble' | 'requestHeaders'> & { baseUrl: string };

/**
 * A model client for a sim at `baseUrl`: marked as a test double (so every report says so), and sending each
 * request's context as the sim's task header (judge requests included), so the sim knows which script to play.
 */
export function createSimClient(opts: SimClientOptions): ModelClient {
  return createModelClient({ ...opts, model: SIM_MODEL, testDouble: true, requestHeaders: simTaskHeaders });
}
