import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

function hooks() {
  const calls: string[] = [];
  return { calls, pause: () => calls.push('pause'), resume: () => calls.push('resume') };
}

describe('CircuitBreaker', () => {
  it('trips only on K infra failures in a row; a success in between restarts the count', async () => {
    let probes = 0;
    const b = new CircuitBreaker({ threshold: 3, probe: async () => void probes++ });
    const h = hooks();
    for (const failed of [true, true, false, true, true]) expect(await b.record(failed, h)).toBeUndefined();
    expect(probes).toBe(0);
    expect(await b.record(true, h)).toBeUndefined(); // third in a row: probe, endpoint up, carry on
    expect(probes).toBe(1);
    expect(h.calls).toEqual(['pause', 'resume']);
    expect(await b.record(true, h)).toBeUndefined(); // the count restarted after the good probe
    expect(probes).toBe(1);
  });

  it('a failed probe reports the endpoint down to every caller waiting on it, probing once', async () => {
    let probes = 0;
    const b = new CircuitBreaker({ threshold: 1, probe: async () => {
      probes++;
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('connection refused');
    } });
    const h = hooks();
    const [a, c] = await Promise.all([b.record(true, h), b.record(false, h)]);
    expect(a).toMatch(/endpoint does not answer: connection refused/);
    expect(c).toBe(a);
    expect(probes).toBe(1);
    expect(h.calls).toEqual(['pause']);
  });
});
