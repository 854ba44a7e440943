import { defineConfig } from 'vitest/config';

// The benchmark's own checks: that the generated data set is what the app would have written
// (search keys, rollups, skew). Never timings: speed is measured by `npm run bench`, not by tests.
export default defineConfig({
  test: {
    name: 'bench',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
