import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Waits on what a page, a process or a store shows (expect.poll) end when it shows it; the limit only catches a
    // hang, so it is long enough for a machine that is many times slower or busier than a quiet one.
    expect: { poll: { timeout: 60_000, interval: 50 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'shared/**/*.test.ts',
            'electron/**/*.test.ts',
            'server/**/*.test.ts',
            'renderer/**/*.test.{ts,tsx}',
            'tests/lint/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          // A timeout here only catches a hang. The slowest unit tests take a second or two on a quiet machine; a
          // 2-core machine busy with other work makes them many times slower (`npm run test:stress` runs the suites
          // beside two CPU burners). Heavy tests state their own timeout beside them, with the reason.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/chaos/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
