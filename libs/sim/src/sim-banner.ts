import type { SimServer } from './sim-types.js';

/** The line a CLI prints when the sim starts; it says plainly that this is not a real model. */
export function formatSimBanner(server: Pick<SimServer, 'url'>): string {
  return `sim model (simulated policy, not a real model) listening on ${server.url}`;
}
