import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { adminQuery, databaseUrl, type Backend } from './lib/server.js';
import { median, round } from './lib/stats.js';

/**
 * The compiled production server (`npm start` runs `node apps/server/dist/main.js`): time from
 * the process's launch to its first answered `GET /api/health`, the CPU it used until then, and
 * its resident memory once idle after a few requests. The first start creates the database
 * (PGlite's initdb, every migration); then `restarts` starts on that database, which is what
 * the 3 s target is about. One process at a time, each stopped by its own handle.
 */
const ROOT = resolve(import.meta.dirname, '..');
const MAIN = resolve(ROOT, 'apps/server/dist/main.js');

export type StartupFigures = {
  backend: Backend; firstStartMs: number; readyMs: number; cpuMsToReady: number;
  idleRssMiB: number; idleRssAnonMiB: number; idleRssFileMiB: number; restarts: number;
};

export async function measureStartup(o: { backend: Backend; restarts: number }): Promise<StartupFigures> {
  execFileSync(process.execPath, [resolve(ROOT, 'apps/server/scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-startup-'));
  const database = o.backend === 'postgres' ? `vigie_bench_startup_${process.pid}` : undefined;
  if (database) await adminQuery(`CREATE DATABASE ${database}`);
  try {
    const first = await startOnce(dataDir, database, false);
    const runs = [];
    for (let i = 0; i < o.restarts; i += 1) runs.push(await startOnce(dataDir, database, i === o.restarts - 1));
    const last = runs.at(-1)!;
    return {
      backend: o.backend, firstStartMs: first.readyMs,
      readyMs: round(median(runs.map((r) => r.readyMs))), cpuMsToReady: round(median(runs.map((r) => r.cpuMs))),
      idleRssMiB: last.rss!.total, idleRssAnonMiB: last.rss!.anon, idleRssFileMiB: last.rss!.file, restarts: runs.length,
    };
  } finally {
    if (database) await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function startOnce(dataDir: string, database: string | undefined, measureIdle: boolean) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, DATA_DIR: dataDir,
  };
  delete env.DATABASE_URL;
  delete env.SECRET_KEY;
  if (database) env.DATABASE_URL = databaseUrl(database);
  const t0 = performance.now();
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => { out += String(d); });
  child.stderr!.on('data', (d) => { out += String(d); });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited during start-up:\n${out}`);
      if (performance.now() - t0 > 300_000) throw new Error(`the server did not answer within 300 s:\n${out}`);
      const res = await fetch(`${url}/api/health`).catch(() => undefined);
      if (res?.ok) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const readyMs = round(performance.now() - t0);
    const cpuMs = processCpuMs(child.pid!);
    let rss: { total: number; anon: number; file: number } | undefined;
    if (measureIdle) {
      // A few ordinary requests (health, an anonymous session check, the web app's page), then idle.
      for (let i = 0; i < 20; i += 1) {
        await (await fetch(`${url}/api/health`)).arrayBuffer();
        await (await fetch(`${url}/api/session`)).arrayBuffer();
        await (await fetch(`${url}/`)).arrayBuffer();
      }
      await new Promise((r) => setTimeout(r, 3000));
      rss = residentMemory(child.pid!);
    }
    return { readyMs, cpuMs, rss };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** user + system CPU time of a process so far, in ms (Linux clock ticks of 10 ms). */
function processCpuMs(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function residentMemory(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kB = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  const mib = (x: number) => round(x / 1024);
  return { total: mib(kB('VmRSS')), anon: mib(kB('RssAnon')), file: mib(kB('RssFile')) };
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}
