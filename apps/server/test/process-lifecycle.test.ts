import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.js';
import { PASSWORD } from './harness.js';
import { freePort, startServerProcess } from './faults/server-process.js';

/**
 * The real `npm start` process on the embedded database (PGlite in a data folder): one process
 * per folder, a clean stop on SIGTERM that releases the folder, and data that survives a restart.
 * This is about the embedded database only, so it ignores TEST_DATABASE_URL.
 */
// The compiled server and CLI, as `npm start` and `npm run audit:verify` run them (built by
// the tests' global set-up).
const MAIN = resolve(REPO_ROOT, 'apps/server/dist/main.js');
const CLI = resolve(REPO_ROOT, 'apps/server/dist/audit-verify.js');

type Proc = { child: ChildProcess; out: () => string; exited: Promise<number | null> };
const started: ChildProcess[] = [];
let dataDir: string;

/** Environment of a child: the embedded database in our folder, whatever the test run uses. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development', ...extra };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  delete env.SECRET_KEY;
  return env;
}

function run(script: string, env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, [script], { cwd: REPO_ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (d) => { out += String(d); });
  child.stderr!.on('data', (d) => { out += String(d); });
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  return { child, out: () => out, exited };
}

/** Starts the server on our folder (the fault tests' helper) and remembers it for the clean-up. */
async function startServer(): Promise<Proc & { url: string }> {
  const p = await startServerProcess({ dataDir });
  started.push(p.child);
  return p;
}

async function stop(p: Proc): Promise<{ code: number | null; ms: number }> {
  const t0 = Date.now();
  p.child.kill('SIGTERM');
  const code = await Promise.race([p.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000))]);
  if (code === 'timeout') throw new Error(`the server did not stop within 15 s after SIGTERM:\n${p.out()}`);
  return { code, ms: Date.now() - t0 };
}

beforeAll(() => { dataDir = mkdtempSync(join(tmpdir(), 'vigie-lifecycle-')); });
afterAll(() => {
  // Only the processes this file started, by their own handle.
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the server process on the embedded database (pglite)', () => {
  it('locks its data folder, stops cleanly on SIGTERM and keeps its data across a restart', async () => {
    const first = await startServer();
    expect(await (await fetch(`${first.url}/api/health`)).json()).toEqual({ status: 'ok', database: 'pglite' });
    const code = /set-up code: (\S+)/.exec(first.out())?.[1];
    expect(code, first.out()).toBeTruthy();

    // One write through the API, so that persistence can be checked after the restart.
    const setup = await fetch(`${first.url}/api/setup`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, organisationName: 'HRO', displayName: 'Alix Admin', email: 'admin@hro.example', password: PASSWORD }),
    });
    expect(setup.status, await setup.clone().text()).toBe(200);
    expect(await (await fetch(`${first.url}/api/setup/status`)).json()).toEqual({ needsSetup: false });

    // A second server on the same folder refuses to start, with a readable reason.
    const second = run(MAIN, { PORT: String(await freePort()) });
    expect(await second.exited).toBe(78);
    expect(second.out()).toMatch(/already in use by another Vigie process/);
    // The audit CLI refuses too, and says what to do.
    const cliWhileRunning = run(CLI);
    expect(await cliWhileRunning.exited).toBe(2);
    expect(cliWhileRunning.out()).toMatch(/stop the Vigie server first/);
    // The first one was not disturbed.
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);

    const stopped = await stop(first);
    expect(stopped.code).toBe(0);
    expect(first.out()).toMatch(/SIGTERM received/);

    // The folder is free again: the CLI can check it, then a new server starts on it.
    const cli = run(CLI);
    expect(await cli.exited, cli.out()).toBe(0);
    expect(cli.out()).toMatch(/Entries checked: 1\b/);

    const third = await startServer();
    expect(await (await fetch(`${third.url}/api/setup/status`)).json()).toEqual({ needsSetup: false });
    expect(third.out()).not.toMatch(/set-up code/);
    const login = await fetch(`${third.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@hro.example', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect((await stop(third)).code).toBe(0);
  }, 180_000);
});
