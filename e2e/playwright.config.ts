import { defineConfig } from '@playwright/test';

/**
 * Browser journeys against a real server (embedded PGlite, or the PostgreSQL named by
 * TEST_DATABASE_URL) in Debian's Chromium — Playwright never downloads a browser here.
 */
const PORT = Number(process.env.E2E_PORT ?? 3190);

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'off',
  },
  /**
   * One server, one fresh database, two journeys in a fixed order. Files would run
   * alphabetically (field before foundation), but the foundation journey must meet a
   * never-set-up server, so it is its own project and the field project depends on it.
   * field.spec.ts creates its own observer and coordinator: through the administrator the
   * foundation journey handed over in e2e/.state/admin.json, or, run alone on a fresh server
   * (`--project field --no-deps`), by doing the set-up itself.
   */
  projects: [
    { name: 'foundation', testMatch: /foundation\.spec\.ts$/ },
    { name: 'field', testMatch: /field\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'dashboard', testMatch: /dashboard\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'incident', testMatch: /incident\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'sites-admin', testMatch: /sites-admin\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'bulletin', testMatch: /bulletin\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'escaping', testMatch: /escaping\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'legal', testMatch: /legal\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'recruitment', testMatch: /recruitment\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'onboarding', testMatch: /onboarding\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'payment-import', testMatch: /payment-import\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'rota', testMatch: /rota\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'research', testMatch: /research\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'phone', testMatch: /phone\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'press', testMatch: /press\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'records', testMatch: /[\\/]records\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'office', testMatch: /office\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'house', testMatch: /house\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'figure-sets', testMatch: /figure-sets\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'monitoring', testMatch: /monitoring\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'newsletter', testMatch: /newsletter\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'site-placement', testMatch: /site-placement\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'contacts-import', testMatch: /contacts-import\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'campaigns', testMatch: /campaigns\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'grants', testMatch: /[\\/]grants\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'identity-grants', testMatch: /identity-grants\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'testimonies', testMatch: /testimonies\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'media', testMatch: /media\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'offline-records', testMatch: /offline-records\.spec\.ts$/, dependencies: ['foundation'] },
  ],
  webServer: {
    command: `npx tsx e2e/serve.ts`,
    cwd: '..',
    url: `http://localhost:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    env: { E2E_PORT: String(PORT) },
  },
});
