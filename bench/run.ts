import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { measureBulletin } from './bulletin.js';
import { measureAnnualReport } from './annual-report.js';
import { measureBundle } from './bundle-size.js';
import { measureContacts } from './contacts.js';
import { measureDashboard } from './dashboard.js';
import { BENCH_DATABASE, datasetServer, generateDataset } from './dataset.js';
import { measureExport } from './export.js';
import { measureIngest } from './ingest.js';
import { measureMonitoringPoll } from './monitoring-poll.js';
import { measureResearchRelease } from './research-release.js';
import { adminQuery, POSTGRES_URL } from './lib/server.js';
import { medianOf } from './lib/stats.js';
import { measureStartup } from './startup.js';
import { measureSyncBacklog } from './sync-backlog.js';
import { measureUnlock } from './unlock.js';
import { formatTargetTable, targetRows, type PartMeta } from './targets.js';

/**
 * `npm run bench [-- part …]`: parts are bundle, startup (the compiled server's start-up time and
 * idle memory), ingest, dataset, dashboard, bulletin (with the annual report pack), export,
 * research (a research release over the whole dataset), sync, contacts, monitoring (one polling
 * run of 200 feeds × 50 new items), unlock (the phone's unlock in Chromium, CPU throttled ×4) (default: all). Figures are medians of BENCH_RUNS runs (default 3); results are merged
 * into bench/results/latest.json with the machine they came from and the load average when each
 * part ran, and this run is also kept as bench/results/<date>.json. The run ends with the table
 * of every target (bench/targets.ts): figure, ratio to the target, load. BENCH_QUICK=1 shrinks every
 * run (smoke check of the bench itself, not for reporting). BENCH_ROWS sets the dataset size
 * (default 1,000,000); BENCH_KEEP_DATASET=1 reuses the vigie_bench database if it has that size.
 */
const quick = process.env.BENCH_QUICK === '1';
const RUNS = Number(process.env.BENCH_RUNS ?? (quick ? 1 : 3));
const ROWS = Number(process.env.BENCH_ROWS ?? (quick ? 50_000 : 1_000_000));
const ALL = ['bundle', 'unlock', 'startup', 'ingest', 'dataset', 'dashboard', 'bulletin', 'export', 'research', 'sync', 'contacts', 'monitoring'] as const;
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const a of asked) if (!(ALL as readonly string[]).includes(a)) throw new Error(`unknown part ${a}; parts: ${ALL.join(', ')}`);
const parts = new Set(asked.length ? asked : ALL);
const has = (p: (typeof ALL)[number]) => parts.has(p);

const pgVersion = (await adminQuery('SHOW server_version')).rows[0].server_version as string;
const machine = {
  cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: +(totalmem() / 2 ** 30).toFixed(1), node: process.version,
  postgres: pgVersion,
  // How the server reaches PostgreSQL: BENCH_DATABASE_URL='postgres://postgres@localhost/postgres?host=/var/run/postgresql'
  // measures over the Unix socket (a single-machine deployment's natural choice), the default over TCP loopback.
  postgresConnection: new URL(POSTGRES_URL).searchParams.get('host')?.startsWith('/') ? 'Unix socket' : 'TCP',
  loadAverageAtStart: loadavg().map((l) => +l.toFixed(2)),
};
console.log('machine', machine, quick ? '(quick mode: not for reporting)' : '');
const results: Record<string, unknown> = existsSync('bench/results/latest.json') ? JSON.parse(readFileSync('bench/results/latest.json', 'utf8')) : {};
const runStartedAt = new Date().toISOString();
/** Writes the merged results; with a part, first notes when it ran and on how loaded a machine. */
const save = (part?: string) => {
  if (part) {
    const measured = (results.measured ?? {}) as Record<string, PartMeta>;
    measured[part] = { at: new Date().toISOString(), loadAverage: loadavg().map((l) => +l.toFixed(2)), quick };
    results.measured = measured;
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.json', `${JSON.stringify({ ...results, at: new Date().toISOString(), machine, runs: RUNS, quick }, null, 2)}\n`);
};

if (has('bundle')) {
  execSync('npm run build --workspace @vigie/web --silent', { stdio: 'ignore' });
  const bundle = measureBundle('apps/web/dist');
  results.bundle = bundle;
  console.log(`capture screens' JS, gzipped: ${bundle.captureGzipKB} KB (target ≤ 80 KB); round and testimony screens, loaded when opened: +${bundle.roundTestimonyGzipKB} KB; whole app, every pole: ${bundle.wholeAppGzipKB} KB`);
  save('bundle');
}

if (has('unlock')) {
  const unlock = await measureUnlock({ runs: quick ? 1 : Math.max(5, RUNS), rows: 300 });
  results.unlock = unlock;
  console.log(`phone unlock, Chromium CPU ×${unlock.throttle}: ${unlock.unlockMs} ms (target ≤ 1000 ms) — code → key ${unlock.deriveMs} ms (PBKDF2 ${unlock.iterations.toLocaleString('en')}), ${unlock.rows} rows opened ${unlock.openRowsMs} ms; a wrong code refused in ${unlock.wrongCodeMs} ms; runs ${unlock.runs.join(', ')} ms`);
  save('unlock');
}

if (has('startup')) {
  const startup = [];
  for (const backend of ['pglite', 'postgres'] as const) {
    const r = await measureStartup({ backend, restarts: quick ? 1 : Math.max(3, RUNS) });
    console.log(`compiled server on ${backend}: first start ${r.firstStartMs} ms (creates the database); then ready in ${r.readyMs} ms (${r.cpuMsToReady} ms CPU), idle RSS ${r.idleRssMiB} MiB (anonymous ${r.idleRssAnonMiB}, files ${r.idleRssFileMiB})`);
    startup.push(r);
  }
  results.startup = startup;
  save('startup');
}

if (has('ingest')) {
  const ingest = [];
  for (const photo of [false, true]) {
    for (const backend of ['postgres', 'pglite'] as const) {
      for (const concurrency of [1, 8, 32]) {
        const requests = quick ? 40 : photo ? 300 : 1000;
        const r = await medianOf(RUNS, () => measureIngest({ backend, concurrency, requests, photo }),
          ['perSecond', 'p50', 'p95', 'p99', 'serverCpuMsPerRequest']);
        console.log(`ingest ${photo ? 'with 256 KiB photo' : 'text-only'} ${backend} c=${concurrency}: ${r.perSecond}/s (${r.sustainedPerSecond}/s with the work left after it, done ${r.countedAfterSeconds} s later) p50 ${r.p50} ms p95 ${r.p95} ms p99 ${r.p99} ms, server CPU ${r.serverCpuMsPerRequest} ms/submission (${r.failures} failures)`);
        ingest.push(r);
      }
    }
  }
  results.ingest = ingest;
  save('ingest');
}

if (has('dataset') || ((has('dashboard') || has('bulletin') || has('export') || has('research')) && !(await datasetReady()))) {
  console.log(`generating ${ROWS.toLocaleString('en')} evictions into ${BENCH_DATABASE}…`);
  results.dataset = await generateDataset(ROWS);
  console.log('dataset', results.dataset);
  save('dataset');
}

if (has('dashboard') || has('bulletin') || has('export') || has('research')) {
  const server = await datasetServer();
  try {
    const admin = await server.signIn('admin');
    if (has('dashboard')) {
      // 40 calls a URL of the targets' periods, for a p95 that is not the slowest call; 5 for the longer periods.
      results.dashboard = await measureDashboard(admin, quick ? 2 : 40, quick ? 2 : 5);
      console.log('dashboard (ms)', results.dashboard);
      save('dashboard');
    }
    if (has('bulletin')) {
      const comms = await server.signIn('comms');
      results.bulletin = await medianOfObject(quick ? 1 : RUNS, () => measureBulletin(comms, quick ? 1 : 3));
      console.log('bulletin', results.bulletin);
      const reports = [];
      for (let i = 0; i < (quick ? 1 : RUNS); i += 1) reports.push(await measureAnnualReport(comms));
      results.annualReport = { ...reports.sort((a, b) => a.ms - b.ms)[Math.floor(reports.length / 2)]!, runs: reports.length };
      console.log('annual report', results.annualReport);
      comms.close();
      save('bulletin');
    }
    if (has('export')) {
      // The export is row-level: field access only (records.read), so a coordinator runs it, not the admin.
      const coordinator = await server.signIn('coordinator');
      results.export = await measureExport(server, coordinator.cookie);
      coordinator.close();
      console.log('export', results.export);
      save('export');
    }
    if (has('research')) {
      const comms = await server.signIn('comms');
      results.researchRelease = await measureResearchRelease(comms);
      comms.close();
      console.log('research release (commune × week, whole dataset)', results.researchRelease);
      save('research');
    }
    admin.close();
  } finally {
    await server.stop();
  }
}

if (has('sync')) {
  const sync = [];
  for (const backend of ['postgres', 'pglite'] as const) {
    const r = await medianOf(RUNS, () => measureSyncBacklog({ backend, records: quick ? 100 : 1000, photos: quick ? 10 : 100 }), ['seconds', 'pushSeconds']);
    console.log(`sync backlog ${backend}: ${r.records} records + ${r.photos} photos in ${r.seconds} s (push ${r.pushSeconds} s)`);
    sync.push(r);
  }
  results.syncBacklog = sync;
  save('sync');
}

if (has('contacts')) {
  const contacts = await measureContacts({ contacts: quick ? 5_000 : 50_000, recipients: quick ? 500 : 5_000, rounds: quick ? 2 : 10 });
  console.log(`contact search over ${contacts.contacts} contacts: p50 ${contacts.searchP50} ms, p95 ${contacts.searchP95} ms (target < 50 ms); mailing to ${contacts.recipients} recipients queued in ${contacts.mailingQueueMs} ms (target < 2,000 ms), ${contacts.received} delivered to the SMTP sink in ${contacts.mailingDeliveredMs} ms at ${contacts.mailRatePerSecond}/s (target < 120,000 ms)`);
  results.contacts = contacts;
  save('contacts');
}

if (has('monitoring')) {
  const sources = quick ? 20 : 200;
  const poll = await medianOf(RUNS, () => measureMonitoringPoll({ sources, items: 50 }), ['seconds']);
  console.log(`monitoring poll of ${poll.sources} sources × ${poll.itemsPerSource} new items: ${poll.seconds} s (target < 60 s), ${poll.clippings} clippings, ${poll.failed} failed`);
  results.monitoringPoll = poll;
  save('monitoring');
}

machine.loadAverageAtStart = machine.loadAverageAtStart.concat(loadavg().map((l) => +l.toFixed(2)));
const targets = targetRows(results);
results.targets = targets;
save();
const runFile = `bench/results/${runStartedAt.replace(/[:.]/g, '-')}.json`;
writeFileSync(runFile, `${JSON.stringify({ ...results, at: new Date().toISOString(), parts: [...parts], machine, runs: RUNS, quick }, null, 2)}\n`);
console.log(`\nTargets (${[...parts].join(', ')} measured in this run; other rows from earlier runs, see "measured at"):\n${formatTargetTable(targets)}`);
console.log(`\nwritten bench/results/latest.json and ${runFile} (load average at start, then at end:`, machine.loadAverageAtStart, ')');

async function datasetReady() {
  if (process.env.BENCH_KEEP_DATASET !== '1') return false;
  try {
    const { rows } = await adminQuery(`SELECT 1 FROM pg_database WHERE datname = '${BENCH_DATABASE}'`);
    if (!rows.length) return false;
    const previous = results.dataset as { evictions?: number | string } | undefined;
    return Number(previous?.evictions) === ROWS;
  } catch { return false; }
}

async function medianOfObject<T extends { createMs: number; html: { ms: number }; pdf: { ms: number } }>(runs: number, once: () => Promise<T>) {
  const all: T[] = [];
  for (let i = 0; i < runs; i += 1) all.push(await once());
  const mid = <K>(pick: (t: T) => number) => [...all].sort((a, b) => pick(a) - pick(b))[Math.floor(all.length / 2)]!;
  return { createMs: mid((t) => t.createMs).createMs, html: mid((t) => t.html.ms).html, pdf: mid((t) => t.pdf.ms).pdf, runs };
}
