#!/usr/bin/env node
// `npm test`: every test in the repository — vitest (unit + integration) then the browser
// journeys (Playwright driving Debian's Chromium) — and one closing line "N passed, N failed".
// Integration tests use an in-memory PGlite, or the real PostgreSQL named by TEST_DATABASE_URL.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const requireBrowser = process.env.CI === 'true' || process.env.VIGIE_REQUIRE_BROWSER === '1';
const out = mkdtempSync(join(tmpdir(), 'vigie-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const backend = process.env.TEST_DATABASE_URL ? 'PostgreSQL (TEST_DATABASE_URL)' : 'embedded PGlite';
const extra = process.argv.slice(2);

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

console.log(`\n▶ vitest — unit and integration tests on ${backend}`);
const vitestJson = join(out, 'vitest.json');
const vitestStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`, ...extra]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests + (r.numFailedTestSuites ?? 0);
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else {
  totals.failed += 1;
}
if (vitestStatus !== 0 && totals.failed === 0) totals.failed += 1;

if (process.env.VIGIE_SKIP_BROWSER === '1') {
  // CI runs the browser journeys once, on PostgreSQL, to keep within its time budget.
  console.log('\n▶ Browser journeys skipped (VIGIE_SKIP_BROWSER=1)');
} else if (!existsSync(CHROMIUM)) {
  const msg = `Chromium not found at ${CHROMIUM}: browser tests not run (install it with: apt-get install -y chromium).`;
  if (requireBrowser) {
    console.error(`\n✖ ${msg}`);
    totals.failed += 1;
  } else {
    console.warn(`\n⚠ ${msg}`);
  }
} else {
  console.log(`\n▶ Playwright — browser journeys in ${CHROMIUM} on ${backend}`);
  const build = run('npm', ['run', 'build', '--workspace', '@vigie/web', '--silent']);
  if (build !== 0) {
    totals.failed += 1;
  } else {
    const pwJson = join(out, 'playwright.json');
    const status = run('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
    if (existsSync(pwJson)) {
      const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats;
      totals.passed += s.expected + s.flaky;
      totals.failed += s.unexpected;
      totals.skipped += s.skipped;
      if (status !== 0 && s.unexpected === 0) totals.failed += 1;
    } else {
      totals.failed += 1;
    }
  }
}

if (process.env.VIGIE_TEST_SUMMARY) writeFileSync(process.env.VIGIE_TEST_SUMMARY, JSON.stringify(totals));
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
