import { defineConfig } from 'vitest/config';

/** The slow reliability tests (`npm run test:reliability`): real processes, kill -9, load and WeCom API faults. */
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
