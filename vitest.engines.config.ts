import { defineConfig } from 'vitest/config';

// Firefox and WebKit, one test file at a time (each drives a real browser); `npm run test:engines`.
export default defineConfig({
  test: {
    include: ['test/engines/**/*.engine.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
