import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'runtime',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/postgres.global.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
