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
// Repeated just above the closing line, so that the tail of a long CI log names what failed.
const failures = [];
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
  // A file that failed outside any test (its import, a beforeAll) counts once; a file whose tests
  // failed is already counted through them.
  totals.failed += r.numFailedTests;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  for (const file of r.testResults ?? []) {
    const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failed) failures.push(`vitest: ${file.name.replace(process.cwd() + '/', '')} › ${a.fullName}`);
    if (file.status === 'failed' && failed.length === 0) totals.failed += 1;
    if (file.status === 'failed' && failed.length === 0) failures.push(`vitest: ${file.name.replace(process.cwd() + '/', '')} (the file failed: ${(file.message ?? '').split('\n')[0]})`);
  }
} else {
  totals.failed += 1;
  failures.push('vitest: no JSON report was written');
}
if (vitestStatus !== 0 && totals.failed === 0) {
  totals.failed += 1;
  failures.push(`vitest exited with status ${vitestStatus} without a failed test (an unhandled error: see "Unhandled Errors" above)`);
}

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
      const report = JSON.parse(readFileSync(pwJson, 'utf8'));
      const s = report.stats;
      const walk = (suite) => {
        for (const spec of suite.specs ?? []) if (!spec.ok) failures.push(`playwright: ${spec.file} › ${spec.title}`);
        for (const child of suite.suites ?? []) walk(child);
      };
      for (const suite of report.suites ?? []) walk(suite);
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
if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ✖ ${f}`).join('\n')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
