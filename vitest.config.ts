import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Each test file gets its own in-memory or temp-file database, so files can run in parallel.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
