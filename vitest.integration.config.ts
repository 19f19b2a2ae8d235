import { defineConfig } from 'vitest/config';

/** Adapters against real servers (see scripts/services.sh): npm run test:integration. */
export default defineConfig({
  resolve: { conditions: ['@parley/source'] },
  ssr: { resolve: { conditions: ['@parley/source'] } },
  test: {
    include: [
      'adapters/*/src/**/*.integration.spec.ts',
      'runtime/src/**/*.integration.spec.ts',
      'apps/*/src/**/*.integration.spec.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
