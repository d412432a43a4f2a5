import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The layout test needs LibreOffice: `npm run test:layout` (vitest.layout.config.ts).
    exclude: ['test/layout/**', 'node_modules/**'],
    testTimeout: 30_000,
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
  },
});
