import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'editor',
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['test/vitest-setup.ts'],
    testTimeout: 20_000,
  },
});
