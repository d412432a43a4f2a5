import { defineConfig } from 'vitest/config';

/**
 * The layout test: summaries printed through LibreOffice to PDF and read
 * back. It needs soffice and pdftotext (`.ci/run` installs them), so it runs
 * apart from `npm test`: `npm run test:layout`.
 */
export default defineConfig({
  test: {
    include: ['test/layout/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
  },
});
