import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@parley/source'] },
  ssr: { resolve: { conditions: ['@parley/source'] } },
  test: {
    include: [
      'core/test/**/*.spec.ts',
      'client/src/**/*.spec.ts',
      'adapters/*/src/**/*.spec.ts',
      'runtime/src/**/*.spec.ts',
      'apps/*/src/**/*.spec.ts',
      'docs/**/*.spec.ts',
      'scripts/soak/**/*.spec.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.integration.spec.ts', '**/*.e2e.spec.ts'],
    testTimeout: 20_000,
    // oclif prints with console.log; @oclif/test captures process.stdout, which vitest's console capture would bypass.
    disableConsoleIntercept: true,
  },
});
