import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { HttpClient } from './http.js';

export type Backend = 'postgres' | 'pglite';
export const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database URL on the same server with another database name. */
export function databaseUrl(name: string) {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(text: string) {
  const c = new pg.Client({ connectionString: POSTGRES_URL });
  await c.connect();
  try { return await c.query(text); } finally { await c.end(); }
}

export type BenchServer = {
  url: string; organisationId: string; password: string; pid: number; child: ChildProcess;
  /** Peak resident memory of the server process so far (VmHWM), in MiB. */
  peakRssMiB(): number;
  /** CPU time (user + system) the server process has used so far, in ms. */
  cpuMs(): number;
  signIn(role: 'observer' | 'coordinator' | 'comms' | 'admin'): Promise<HttpClient>;
  stop(): Promise<void>;
};

/**
 * Starts Vigie in a child process on `database` (a PostgreSQL database name, created if needed
 * and dropped at stop unless `keep`), or on a fresh embedded PGlite data folder.
 */
export async function startServer(options: { backend: Backend; database?: string; keep?: boolean; profileDir?: string; dataDir?: string }): Promise<BenchServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'vigie-bench-'));
  const env: Record<string, string> = { ...process.env as Record<string, string>, BENCH_DATA_DIR: dataDir };
  let dropDatabase: string | undefined;
  if (options.backend === 'postgres') {
    const name = options.database ?? `vigie_bench_${process.pid}_${Date.now()}`;
    if (!options.database) { await adminQuery(`CREATE DATABASE ${name}`); dropDatabase = name; }
    if (options.database && !options.keep) dropDatabase = name;
    env.BENCH_DATABASE = databaseUrl(name);
  } else delete env.BENCH_DATABASE;
  // BENCH_NODE_FLAGS: extra Node/V8 flags for the server process (e.g. --liftoff-only), to compare.
  const args = [...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : []), resolve(import.meta.dirname, '../serve-child.ts')];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = await new Promise<{ url: string; organisationId: string; password: string }>((ok, fail) => {
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('READY '));
      if (line) ok(JSON.parse(line.slice(6)));
    });
    child.on('exit', (code) => fail(new Error(`bench server exited with ${code} before it was ready`)));
  });
  const stopped = new Promise<void>((ok) => child.on('exit', () => ok()));
  return {
    ...ready, pid: child.pid!, child,
    peakRssMiB() {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return m ? +(Number(m[1]) / 1024).toFixed(1) : NaN;
    },
    cpuMs() {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    async signIn(role) {
      const client = new HttpClient(ready.url);
      await client.signIn(`${role}@bench.example`, ready.password);
      return client;
    },
    async stop() {
      child.kill('SIGTERM');
      await stopped;
      if (dropDatabase) await adminQuery(`DROP DATABASE IF EXISTS ${dropDatabase} WITH (FORCE)`);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
