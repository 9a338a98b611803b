import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built workstation in Chromium; one file at a time (2 cores, one browser each).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
