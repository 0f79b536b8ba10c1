import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './faults/server-process.js';

const run = promisify(execFile);

/**
 * A throw-away PostgreSQL primary and its streaming replica (hot standby made with
 * `pg_basebackup -R`), on free ports, for the read-replica test. Its own cluster rather than the
 * machine's: the shared cluster's pg_hba does not allow replication connections, and a base
 * backup of it would copy every other test's database. PostgreSQL refuses to run as root, so
 * when the tests run as root the binaries run as the `postgres` system user.
 */
export type ReplicaPair = {
  primaryUrl: string;
  replicaUrl: string;
  /** Stops applying WAL on the replica (it keeps receiving it): what it serves stays as it was. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Resolves once the replica has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_basebackup'))) : [];
  const latest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!latest) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install -y postgresql)');
  return join(root, latest, 'bin');
}

async function asPostgres(bin: string, args: string[]): Promise<void> {
  const isRoot = process.getuid?.() === 0;
  await run(isRoot ? 'runuser' : bin, isRoot ? ['-u', 'postgres', '--', bin, ...args] : args, { timeout: 120_000 });
}

async function query(url: string, text: string, values: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, values)).rows;
  } finally {
    await c.end();
  }
}

export async function startReplicaPair(database = 'vigie'): Promise<ReplicaPair> {
  const bin = binDir();
  const base = mkdtempSync(join(tmpdir(), 'vigie-replica-'));
  chmodSync(base, 0o755);
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(base, Number(stdout.trim()), Number(gid.trim()));
  }
  const primaryDir = join(base, 'primary');
  const replicaDir = join(base, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const started: string[] = [];
  const stop = async () => {
    for (const dir of started.reverse()) await asPostgres(join(bin, 'pg_ctl'), ['-D', dir, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    rmSync(base, { recursive: true, force: true });
  };
  try {
    await asPostgres(join(bin, 'initdb'), ['-D', primaryDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    appendFileSync(join(primaryDir, 'postgresql.conf'), [
      `port = ${primaryPort}`, `listen_addresses = '127.0.0.1'`, `unix_socket_directories = '${base}'`,
      'wal_level = replica', 'max_wal_senders = 4', 'hot_standby = on', 'fsync = off', 'shared_buffers = 32MB', '',
    ].join('\n'));
    writeFileSync(join(primaryDir, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n');
    await asPostgres(join(bin, 'pg_ctl'), ['-D', primaryDir, '-l', join(base, 'primary.log'), '-w', 'start']);
    started.push(primaryDir);
    const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/${database}`;
    await query(`postgres://postgres@127.0.0.1:${primaryPort}/postgres`, `CREATE DATABASE ${database}`);
    await asPostgres(join(bin, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '--no-sync', '--checkpoint=fast']);
    // -R wrote standby.signal and primary_conninfo; the replica only needs its own port.
    appendFileSync(join(replicaDir, 'postgresql.auto.conf'), `port = ${replicaPort}\n`);
    await asPostgres(join(bin, 'pg_ctl'), ['-D', replicaDir, '-l', join(base, 'replica.log'), '-w', 'start']);
    started.push(replicaDir);
    const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/${database}`;
    const [{ standby }] = await query(replicaUrl, 'SELECT pg_is_in_recovery() AS standby') as [{ standby: boolean }];
    if (!standby) throw new Error('the replica is not in recovery: it would accept writes');
    return {
      primaryUrl, replicaUrl, stop,
      pauseReplay: async () => { await query(replicaUrl, 'SELECT pg_wal_replay_pause()'); },
      resumeReplay: async () => { await query(replicaUrl, 'SELECT pg_wal_replay_resume()'); },
      async caughtUp(timeoutMs = 30_000) {
        const [{ lsn }] = await query(primaryUrl, 'SELECT pg_current_wal_lsn()::text AS lsn') as [{ lsn: string }];
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const [{ done }] = await query(replicaUrl, 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [lsn]) as [{ done: boolean }];
          if (done) return;
          if (Date.now() > deadline) throw new Error(`the replica did not catch up with ${lsn} within ${timeoutMs} ms`);
          await new Promise((r) => setTimeout(r, 50));
        }
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
