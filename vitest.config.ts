import { defineConfig } from 'vitest/config';

// One Vitest run covers every package; each package's own config says how its tests run.
export default defineConfig({
  test: {
    projects: ['shared', 'runtime', 'editor'],
  },
});
