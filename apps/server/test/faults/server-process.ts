import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../../src/config.js';
import { PASSWORD } from '../harness.js';
import { operationCommand, siteCommand } from '../field-fixtures.js';

/**
 * The real `npm start` process (node apps/server/dist/main.js, compiled by the tests' global
 * set-up) for fault tests that must kill it:
 * on the embedded database in a data folder, or on the PostgreSQL database the test created.
 * Only processes started here are ever signalled, each by its own handle.
 */
const MAIN = resolve(REPO_ROOT, 'apps/server/dist/main.js');

export type ServerProcess = { child: ChildProcess; url: string; out: () => string; exited: Promise<number | null> };

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

/** Starts the server and waits until /api/health answers; fails with the process output otherwise. */
export async function startServerProcess(opts: { dataDir: string; databaseUrl?: string | undefined; env?: Record<string, string> }): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATA_DIR: opts.dataDir, PORT: String(port), PUBLIC_URL: url, LOG_LEVEL: 'warn', NODE_ENV: 'development',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000', JOB_POLL_SECONDS: '1', ...opts.env,
  };
  delete env.TEST_DATABASE_URL;
  delete env.SECRET_KEY;
  delete env.DATABASE_URL;
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  const child = spawn(process.execPath, [MAIN], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => { out += String(d); });
  child.stderr!.on('data', (d) => { out += String(d); });
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  let dead = false;
  void exited.then(() => { dead = true; });
  // Generous: the first start creates the database, and the test machine may be busy.
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (dead) throw new Error(`the server exited during start-up (code ${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer within 150 s:\n${out}`);
    }
    const res = await fetch(`${url}/api/health`).catch(() => undefined);
    if (res?.ok) return { child, url, out: () => out, exited };
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** kill -9: no shutdown hook runs, nothing is flushed by us, the data-folder lock is left behind. */
export async function killHard(p: ServerProcess): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGKILL');
  await p.exited;
}

/** After a fault test: every process it started killed, its database dropped, its data folder removed. */
export async function cleanUpAfterFault(servers: ServerProcess[], testDb: { drop(): Promise<void> } | undefined, dataDir: string | undefined): Promise<void> {
  for (const s of servers) await killHard(s);
  await testDb?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

export async function stopGently(p: ServerProcess): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const stopped = await Promise.race([p.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 15_000))]);
  if (!stopped) await killHard(p);
}

/** A browser-like client over real HTTP: session cookie and CSRF token, as the web app sends them. */
export class HttpClient {
  cookie = '';
  csrf = '';
  constructor(public base: string) {}

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; json: () => any; text: string }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(this.cookie && { cookie: this.cookie }),
        ...(this.csrf && { 'x-csrf-token': this.csrf }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      if (pair?.startsWith('vigie_session=')) this.cookie = pair;
    }
    const json = () => JSON.parse(text);
    if (res.status === 200) {
      try { if (typeof json().csrfToken === 'string') this.csrf = json().csrfToken; } catch { /* not JSON */ }
    }
    return { status: res.status, json, text };
  }
}

/**
 * First-run set-up through the API, then an observer invited and signed in, as an
 * administrator would onboard one. Returns the observer's client.
 */
export async function setUpObserver(server: ServerProcess): Promise<{ observer: HttpClient; email: string }> {
  const code = /set-up code: (\S+)/.exec(server.out())?.[1];
  if (!code) throw new Error(`no set-up code printed:\n${server.out()}`);
  const admin = new HttpClient(server.url);
  const setup = await admin.request('POST', '/api/setup', {
    code, organisationName: 'Human Rights Observers', displayName: 'Alix Admin', email: 'admin@hro.example', password: PASSWORD,
  });
  if (setup.status !== 200) throw new Error(`setup failed: ${setup.text}`);
  const email = 'observer@hro.example';
  const invited = await admin.request('POST', '/api/invitations', { email, role: 'observer' });
  if (invited.status !== 201) throw new Error(`invitation failed: ${invited.text}`);
  const token = new URL(invited.json().link).searchParams.get('token');
  const observer = new HttpClient(server.url);
  const accepted = await observer.request('POST', '/api/invitations/accept', { token, displayName: 'Olga Observer', password: PASSWORD });
  if (accepted.status !== 200) throw new Error(`acceptance failed: ${accepted.text}`);
  return { observer, email };
}

export async function signIn(base: string, email: string): Promise<HttpClient> {
  const c = new HttpClient(base);
  const res = await c.request('POST', '/api/auth/login', { email, password: PASSWORD });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.text}`);
  return c;
}

/** A sync push the server must answer 200; its per-command results. */
export async function pushOk(c: HttpClient, commands: unknown[]) {
  const res = await c.request('POST', '/api/sync/push', { commands });
  if (res.status !== 200) throw new Error(`push ${res.status}: ${res.text}`);
  return res.json().results as Array<{ commandId: string; status: string; version: number | null }>;
}

/** A site and an operation in Calaisis, saved as a phone would, for a burst of evictions to hang on. */
export async function siteAndOperation(c: HttpClient) {
  const ref = (await c.request('GET', '/api/field/reference')).json();
  const areaId = ref.areas.find((a: { code: string }) => a.code === 'calaisis').id as string;
  const site = siteCommand(areaId);
  const op = operationCommand(areaId);
  const statuses = (await pushOk(c, [site, op])).map((r) => r.status);
  if (statuses.join() !== 'applied,applied') throw new Error(`site and operation not applied: ${statuses.join()}`);
  return { site, op };
}
