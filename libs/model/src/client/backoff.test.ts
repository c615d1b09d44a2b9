import { describe, expect, it } from 'vitest';
import { backoffDelay, MAX_BACKOFF_MS, MAX_RETRY_AFTER_MS, retryAfterMs } from './backoff.js';

describe('retryAfterMs', () => {
  it('reads retry-after-ms first, then Retry-After seconds or HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ 'retry-after': '0.5' }), now)).toBe(500);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:07 GMT' }), now)).toBe(7000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Tue, 31 Dec 2024 00:00:00 GMT' }), now)).toBe(0);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('draws full jitter under a doubling ceiling, capped', () => {
    expect(backoffDelay(0, 500, undefined, () => 0.5)).toBe(250);
    expect(backoffDelay(3, 500, undefined, () => 0.999999)).toBe(4000);
    expect(backoffDelay(30, 500, undefined, () => 0.999999)).toBe(MAX_BACKOFF_MS);
    expect(backoffDelay(2, 500, undefined, () => 0)).toBe(0);
  });

  it('uses the server wait when given, capped', () => {
    expect(backoffDelay(4, 500, 20, () => 0.9)).toBe(20);
    expect(backoffDelay(0, 500, 10 * MAX_RETRY_AFTER_MS)).toBe(MAX_RETRY_AFTER_MS);
  });
});
