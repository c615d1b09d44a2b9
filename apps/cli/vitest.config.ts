import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    // The built suite and repository mirrors the tests make go to a per-run temp dir, removed afterwards.
    globalSetup: ['../../environments/code-repo/test/isolated-tmpdir.ts'],
  },
});
