import { defineConfig } from 'vitest/config';

// One `vitest run` at the root runs every project: the server's integration tests and the web app's
// component tests. Browser end-to-end tests run separately (scripts/e2e.mjs).
export default defineConfig({
  test: {
    projects: ['apps/server/vitest.config.ts', 'apps/web/vitest.config.ts', 'bench/vitest.config.ts'],
  },
});
