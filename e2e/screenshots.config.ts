// `npm run screenshots`: the screenshot set for people (e2e/screenshots/), on the same web-host
// fixture and Chromium as the suite, but outside `npm test` (its config matches only web/ and
// electron/). Writes e2e/artifacts/ui14-*.png; no JSON report, so a CI run's stays its own.
import { defineConfig } from '@playwright/test';
import suite, { WEB_USE } from './playwright.config.js';

export default defineConfig({
  ...suite,
  reporter: 'list',
  projects: [{ name: 'screenshots', testMatch: 'screenshots/**/*.spec.ts', use: WEB_USE }],
});
