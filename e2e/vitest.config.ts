import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each test spawns the CLI; two at a time fits a 2-core machine.
    maxWorkers: 2,
    // The CLI's caches (built suite, repository mirrors) go to a per-run temp dir, removed afterwards.
    globalSetup: ['../environments/code-repo/test/isolated-tmpdir.ts'],
  },
});
