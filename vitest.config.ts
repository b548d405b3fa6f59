import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    // Tests call features without app.ts, which installs the message catalog at start-up: install it as it does.
    setupFiles: ['test/install-messages.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite and Argon2id are CPU-heavy; two cores on CI.
    maxWorkers: 2,
  },
});
