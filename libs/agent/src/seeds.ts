import { Rng } from '@crucible/core';

/** A request seed for the endpoint, derived from the episode seed and a label path (never by adding numbers). */
export function requestSeed(seed: number, ...key: Array<string | number>): number {
  return new Rng('request-seed', seed, ...key).int(0, 2 ** 31 - 1);
}
