import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    // the suite and mirror caches go to a per-run temp dir, removed afterwards (see test/isolated-tmpdir.ts)
    globalSetup: ['test/isolated-tmpdir.ts'],
  },
});
