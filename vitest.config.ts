import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Playwright's specs live in e2e/ and are run by Playwright, not Vitest.
    include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
  },
});
