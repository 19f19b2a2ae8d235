import { defineConfig } from 'vitest/config';

/** The web client in a real browser (Debian chromium via playwright-core): npm run test:e2e. */
export default defineConfig({
  resolve: { conditions: ['@parley/source'] },
  ssr: { resolve: { conditions: ['@parley/source'] } },
  test: {
    include: ['apps/web/src/**/*.e2e.spec.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
