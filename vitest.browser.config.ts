import { defineConfig } from 'vitest/config';

/** The console's journeys in a real Chromium (`npm run test:browser`, after `npm run build:console`). */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
