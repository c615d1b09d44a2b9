import { describe, expect, it } from 'vitest';
import { scrubbedError, scrubSecret } from './scrub-secret.js';

describe('scrubSecret', () => {
  it('removes the given secret and key-shaped tokens', () => {
    expect(scrubSecret('bad key abcd-SECRET-xyz here', 'abcd-SECRET-xyz')).toBe('bad key [redacted] here');
    expect(scrubSecret('Incorrect API key provided: sk-proj-AbCdEf123456', undefined)).toBe('Incorrect API key provided: [redacted]');
    expect(scrubSecret('nothing to hide', 'not-needed')).toBe('nothing to hide');
  });

  it('copies errors without the secret in message or stack', () => {
    const err = scrubbedError(new TypeError('leaked sk-test-SECRET123'), 'sk-test-SECRET123');
    expect(err.name).toBe('TypeError');
    expect(err.message).toBe('leaked [redacted]');
    expect(err.stack).not.toContain('SECRET123');
  });
});
