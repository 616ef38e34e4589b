import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built extension in real browsers; one file at a time on 2 cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    globalSetup: ['./tests/e2e/global-setup.ts'],
  },
});
