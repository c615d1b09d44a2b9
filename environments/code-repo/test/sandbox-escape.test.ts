import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeFixture, escapeTable, ESCAPE_ATTEMPTS, type AttemptOutcome, type EscapeFixture } from './escape-attempts.js';

let fixture: EscapeFixture;
const rows: Array<{ name: string; outcome: AttemptOutcome | { skipped: string } }> = [];

beforeAll(async () => {
  fixture = await escapeFixture();
});

afterAll(async () => {
  await fixture.dispose();
  process.stdout.write(`\nsandbox escape attempts (real bwrap, real processes):\n${escapeTable(rows)}\n`);
});

describe('escape attempts against the sandbox', () => {
  it.each(ESCAPE_ATTEMPTS.map((a) => [a.name, a] as const))('%s is stopped and reported, the host unchanged', async (name, attempt) => {
    const skipped = await attempt.skip?.();
    if (skipped) {
      rows.push({ name, outcome: { skipped } });
      return;
    }
    const outcome = await attempt.attempt(fixture);
    rows.push({ name, outcome });
    expect(outcome.stopped, outcome.result).toBe(true);
  });
});
