import cluster, { type Worker } from 'node:cluster';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DataFolderLockedError } from './platform/db/data-folder-lock.js';
import { releaseYoungGeneration } from './platform/startup-heap.js';
import { startVigie } from './server.js';

/**
 * Composition root for `npm start` (loaded by main.ts): configuration, start-up, first-run code, clean shutdown.
 * With WEB_CONCURRENCY=N (PostgreSQL only, refused by loadConfig on the embedded database) this
 * process becomes a node:cluster primary that runs N server processes sharing the port: each has
 * its own connections, job workers (pg-boss hands a job to one of them) and audit sequencer (the
 * chain lock makes them take turns, ADR 0007); sessions live in the database (each process
 * remembers one for at most SESSION_CACHE_SECONDS).
 */
async function main() {
  const config = loadConfig();
  if (config.webConcurrency > 1) return cluster.isPrimary ? runPrimary(config) : runWorker(config);
  const vigie = await startVigie(config);
  releaseYoungGeneration();
  announce(config, vigie.url, vigie.setupCode, 1);
  onStopSignal(async () => vigie.close());
}

function announce(config: Config, url: string, setupCode: string | null, processes: number) {
  const where = config.database.kind === 'pglite' ? `embedded database in ${config.database.dir}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`\nVigie is running at ${url} — ${where}${processes > 1 ? ` — ${processes} server processes` : ''}`);
  if (!config.webDist) console.log('The web app is not built: run `npm run build --workspace @vigie/web` (npm start does it).');
  if (setupCode) {
    console.log('\n  First run: create the administrator account.');
    console.log(`  Open ${config.publicUrl}/setup?code=${setupCode}`);
    console.log(`  (set-up code: ${setupCode} — shown once; a restart prints a new one)\n`);
  }
}

/** SIGINT/SIGTERM: finish requests and close, or give up after 15 s. */
function onStopSignal(close: () => Promise<void>) {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (cluster.isPrimary) console.log(`\n${signal} received: finishing requests and closing the database…`);
    const timer = setTimeout(() => {
      console.error('Shutdown took too long; exiting.');
      process.exit(1);
    }, 15_000);
    try {
      await close();
      clearTimeout(timer);
      process.exit(0);
    } catch (err) {
      console.error('Error during shutdown:', err);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

type Ready = { kind: 'vigie-ready'; url: string; setupCode: string | null };

/**
 * Starts the workers one after the other: the first migrates the database, creates the secret
 * key file if needed and makes the set-up code (one code, stored in the database); the others
 * start on what it left. A worker that dies later is replaced; a stop signal is passed on.
 */
async function runPrimary(config: Config) {
  // The primary only forks and watches: its own start-up is over.
  releaseYoungGeneration();
  let stopping = false;
  const fork = () => new Promise<{ worker: Worker; ready: Ready }>((ok, fail) => {
    const worker = cluster.fork();
    const onExit = (code: number | null) => fail(Object.assign(new Error(`a server process exited during start-up (code ${code})`), { exitCode: code }));
    worker.once('exit', onExit);
    worker.on('message', (m: Ready) => {
      if (m?.kind !== 'vigie-ready') return;
      worker.off('exit', onExit);
      ok({ worker, ready: m });
    });
  });
  const first = await fork();
  for (let i = 1; i < config.webConcurrency; i += 1) await fork();
  announce(config, first.ready.url, first.ready.setupCode, config.webConcurrency);
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`A server process stopped (${signal ?? `code ${code}`}); starting another.`);
    setTimeout(() => { if (!stopping) fork().catch((err: Error) => console.error(err.message)); }, 1000);
  });
  onStopSignal(async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    await Promise.all(workers.map((w) => new Promise<void>((ok) => {
      w.once('exit', () => ok());
      w.process.kill('SIGTERM');
    })));
  });
}

async function runWorker(config: Config) {
  // Worker 1 is the first one forked; its replacements and the others get higher ids.
  const vigie = await startVigie(config, { firstRun: cluster.worker!.id === 1 });
  releaseYoungGeneration();
  process.send!({ kind: 'vigie-ready', url: vigie.url, setupCode: vigie.setupCode } satisfies Ready);
  onStopSignal(async () => vigie.close());
  // The primary gone (killed): no worker stays behind holding the port and the database.
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataFolderLockedError) {
    console.error(`\n${err.message}\n`);
    process.exit(78);
  }
  const exitCode = (err as { exitCode?: unknown }).exitCode;
  if (exitCode === 78) process.exit(78);
  console.error('Vigie could not start:', err);
  process.exit(1);
});
