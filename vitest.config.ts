import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // The bash grammar loads on first need in the CLI; tests lint synchronously, so it is loaded first.
    setupFiles: ['test/support/load-bash-grammar.ts'],
    pool: 'threads',
    testTimeout: 20000,
  },
});
