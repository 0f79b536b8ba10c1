import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
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
  /** Peak resident memory of the server so far (VmHWM, summed over its processes), in MiB. */
  peakRssMiB(): number;
  /** CPU time (user + system) the server's processes have used so far, in ms. */
  cpuMs(): number;
  signIn(role: 'observer' | 'coordinator' | 'comms' | 'admin'): Promise<HttpClient>;
  /**
   * Waits until the work a burst left behind is done, and returns the seconds it took: the saved
   * evictions counted into the statistics (migration 20k-01), the photos' publication copies made
   * (their job). On PostgreSQL, until none is pending;
   * on the embedded database (in the server's process, out of the bench's reach), until the
   * server's CPU is idle (under 10 % of a core over a quarter second).
   */
  settle(): Promise<number>;
  stop(): Promise<void>;
};

const PASSWORD = 'bench password 123';

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

/** The process and its descendants (the workers of `WEB_CONCURRENCY`), from /proc. */
function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length; i += 1) {
    try {
      for (const task of readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, 'utf8').split(' ').filter(Boolean)) pids.push(Number(task));
    } catch { /* exited meanwhile */ }
  }
  return pids;
}

/**
 * Starts Vigie as `npm start` runs it in production — the compiled `apps/server/dist/main.js`
 * under plain `node`, built first if a source changed — on `database` (a PostgreSQL database
 * name, created if needed and dropped at stop unless `keep`), or on a fresh embedded PGlite data
 * folder. A new database is set up through the API as an administrator would (first-run code,
 * then an observer, a coordinator and a comms officer invited and accepted).
 * BENCH_SERVER_ROOT=<checkout> runs another copy of the code (a before/after comparison);
 * BENCH_NODE_FLAGS passes Node/V8 flags (e.g. --liftoff-only); BENCH_WEB_CONCURRENCY sets
 * `WEB_CONCURRENCY` (server processes on PostgreSQL).
 */
export async function startServer(options: { backend: Backend; database?: string; keep?: boolean; profileDir?: string; dataDir?: string }): Promise<BenchServer> {
  const root = resolve(process.env.BENCH_SERVER_ROOT ?? resolve(import.meta.dirname, '../..'));
  const main = resolve(root, 'apps/server/dist/main.js');
  execFileSync(process.execPath, [resolve(root, 'apps/server/scripts/build.mjs'), '--if-stale'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(main)) throw new Error(`no compiled server at ${main}`);
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'vigie-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', PUBLIC_URL: url,
    DATA_DIR: dataDir, AUTH_RATE_LIMIT_PER_MINUTE: '100000',
  };
  for (const name of ['DATABASE_URL', 'DATABASE_READ_URL', 'SECRET_KEY', 'TEST_DATABASE_URL', 'WEB_CONCURRENCY', 'SMTP_URL', 'MAIL_RATE_PER_SECOND']) delete env[name];
  // The contacts bench delivers a mailing to a local SMTP sink, at a chosen rate.
  if (process.env.BENCH_SMTP_URL) env.SMTP_URL = process.env.BENCH_SMTP_URL;
  if (process.env.BENCH_MAIL_RATE) env.MAIL_RATE_PER_SECOND = process.env.BENCH_MAIL_RATE;
  let dropDatabase: string | undefined;
  if (options.backend === 'postgres') {
    const name = options.database ?? `vigie_bench_${process.pid}_${Date.now()}`;
    if (!options.database) { await adminQuery(`CREATE DATABASE ${name}`); dropDatabase = name; }
    if (options.database && !options.keep) dropDatabase = name;
    env.DATABASE_URL = databaseUrl(name);
    if (process.env.BENCH_WEB_CONCURRENCY) env.WEB_CONCURRENCY = process.env.BENCH_WEB_CONCURRENCY;
  }
  const args = [
    ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
    ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : []), main,
  ];
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); process.stderr.write(d); });
  const stopped = new Promise<void>((ok) => child.once('exit', () => ok()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await stopped;
    if (dropDatabase) await adminQuery(`DROP DATABASE IF EXISTS ${dropDatabase} WITH (FORCE)`);
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // main.js prints its address once the server answers (and the first-run code before that line's successor).
    const deadline = Date.now() + 300_000;
    while (!/Vigie is running at/.test(out) || !(await fetch(`${url}/api/health`).then((r) => r.ok, () => false))) {
      if (child.exitCode !== null) throw new Error(`bench server exited with ${child.exitCode} before it was ready:\n${out}`);
      if (Date.now() > deadline) throw new Error(`bench server not ready within 300 s:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 50));
    const code = /set-up code: (\S+)/.exec(out)?.[1];
    if (code) await setUp(url, code);
    const admin = new HttpClient(url);
    const res = await admin.send('POST', '/api/auth/login', { email: 'admin@bench.example', password: PASSWORD });
    if (res.status !== 200) throw new Error(`admin sign-in failed: ${res.status} ${res.body.toString()}`);
    const organisationId: string = res.json().user.organisationId;
    admin.close();
    const cpuMs = () => {
      let ticks = 0;
      for (const pid of processTree(child.pid!)) {
        try {
          const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
          ticks += Number(fields[11]) + Number(fields[12]);
        } catch { /* exited */ }
      }
      return ticks * 10;
    };
    return {
      url, organisationId, password: PASSWORD, pid: child.pid!, child,
      peakRssMiB() {
        let kB = 0;
        for (const pid of processTree(child.pid!)) {
          try { kB += Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0); } catch { /* exited */ }
        }
        return +(kB / 1024).toFixed(1);
      },
      cpuMs,
      async settle() {
        const started = performance.now();
        const deadline = Date.now() + 120_000;
        if (env.DATABASE_URL) {
          const c = new pg.Client({ connectionString: env.DATABASE_URL });
          await c.connect();
          try {
            // Evictions not yet counted into the statistics, photos without their publication copy yet.
            // A server from before the column (BENCH_SERVER_ROOT) counted each eviction with its submission: nothing to wait for.
            const count = async (q: string) => Number((await c.query(q).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n);
            const pending = async () => await count(`SELECT count(*) AS n FROM evictions WHERE statistics_pending`)
              + await count(`SELECT count(*) AS n FROM evidence WHERE public_copy_pending`);
            while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
          } finally { await c.end(); }
        } else {
          for (let before = cpuMs(); Date.now() < deadline;) {
            await new Promise((r) => setTimeout(r, 250));
            const now = cpuMs();
            if (now - before < 25) break;
            before = now;
          }
        }
        return +((performance.now() - started) / 1000).toFixed(2);
      },
      async signIn(role) {
        const client = new HttpClient(url);
        await client.signIn(`${role}@bench.example`, PASSWORD);
        return client;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** First run through the API: the organisation and its administrator, then one person per role, invited and accepted. */
async function setUp(url: string, code: string) {
  const admin = new HttpClient(url);
  const setup = await admin.send('POST', '/api/setup', {
    code, organisationName: 'Bench', displayName: 'Bench Admin', email: 'admin@bench.example', password: PASSWORD,
  });
  if (setup.status !== 200) throw new Error(`setup failed: ${setup.status} ${setup.body.toString()}`);
  admin.cookie = String(setup.headers['set-cookie']).split(';')[0]!;
  admin.csrf = setup.json().csrfToken;
  for (const role of ['observer', 'coordinator', 'comms']) {
    const invited = await admin.post('/api/invitations', { email: `${role}@bench.example`, role });
    if (invited.status !== 201) throw new Error(`invitation failed: ${invited.status} ${invited.body.toString()}`);
    const token = new URL(invited.json().link).searchParams.get('token');
    const person = new HttpClient(url);
    const accepted = await person.post('/api/invitations/accept', { token, displayName: role, password: PASSWORD });
    if (accepted.status !== 200) throw new Error(`acceptance failed: ${accepted.status} ${accepted.body.toString()}`);
    person.close();
  }
  admin.close();
}
