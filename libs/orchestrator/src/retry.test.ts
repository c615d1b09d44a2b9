import { describe, expect, it } from 'vitest';
import { CrucibleError } from '@crucible/core';
import { withInfraRetry } from './retry.js';

const fast = { attempts: 3, baseMs: 20, maxMs: 100 };

describe('withInfraRetry', () => {
  it('retries infra faults up to the attempt limit, and not user errors', async () => {
    let calls = 0;
    await expect(withInfraRetry(async (n) => (++calls < 3 ? Promise.reject(new CrucibleError('sandbox_error', 'busy')) : n), fast)).resolves.toBe(3);
    calls = 0;
    await expect(withInfraRetry(async () => Promise.reject(new CrucibleError('sandbox_error', `busy ${++calls}`)), fast)).rejects.toThrow('busy 3');
    calls = 0;
    await expect(withInfraRetry(async () => Promise.reject(new CrucibleError('invalid_task', `bad ${++calls}`)), fast)).rejects.toThrow('bad 1');
  });

  it('an abort ends the wait between attempts at once', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = withInfraRetry(async () => Promise.reject(new CrucibleError('sandbox_error', 'busy')), { attempts: 5, baseMs: 60_000, maxMs: 60_000 }, controller.signal);
    setTimeout(() => controller.abort(new Error('cancelled by the user')), 50);
    await expect(pending).rejects.toThrow('cancelled by the user');
    expect(Date.now() - started).toBeLessThan(10_000); // the 30-60 s wait did not run out
  });
});
