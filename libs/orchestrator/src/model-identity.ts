import type { ModelIdentity } from '@crucible/core';
import type { ModelClient } from '@crucible/model';

/**
 * The model as run.json and every episode record name it. The endpoint of the test double is a throwaway
 * local port, so it is left out: runs against it stay comparable (and resumable) across restarts.
 */
export function modelIdentity(client: Pick<ModelClient, 'model' | 'baseUrl' | 'testDouble'>): ModelIdentity {
  return { name: client.model, testDouble: client.testDouble, baseUrl: client.testDouble ? undefined : client.baseUrl };
}
