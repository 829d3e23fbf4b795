import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['test/dom/**/*.test.{ts,tsx}'],
          setupFiles: ['test/helpers/dom-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Each e2e file starts its own collector processes and browser; two at once is
          // all a 2-core machine runs without the browser starving.
          maxWorkers: 2,
          // After the fast suites, with its own worker limit.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
