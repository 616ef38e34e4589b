import { defineConfig } from 'vitest/config';

// The team server's suite: real servers on port 0, on the engine named by BATON_TEST_ENGINE
// (sqlite | postgres, BATON_TEST_PG_URL for the latter). Files run one at a time: the machine
// is small and some files time leases and socket closes.
export default defineConfig({
  test: {
    include: ['tests/server/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
