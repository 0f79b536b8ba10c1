import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import lockfile from 'proper-lockfile';

/**
 * PGlite has no cross-process locking: two processes opening the same folder silently lose
 * writes. The lock is a directory created atomically next to the data folder and refreshed
 * while we run; a crashed process's lock goes stale after STALE_MS and is then taken over.
 * Waiting STALE_MS after a crash is too long for a supervisor restarting at once (systemd
 * gives up after 5 failed starts in 10 s), so the holder's pid and host are written beside the
 * lock: on the same machine, a lock whose process no longer exists is taken over immediately.
 */
const STALE_MS = 10_000;

export class DataFolderLockedError extends Error {
  constructor(readonly folder: string) {
    super(
      `The data folder ${folder} is already in use by another Vigie process. ` +
        `Stop the other process first (if it crashed, wait ${STALE_MS / 1000} seconds and try again).`,
    );
  }
}

type Owner = { pid: number; host: string };

function readOwner(path: string): Owner | null {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<Owner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? { pid: owner.pid, host: owner.host } : null;
  } catch {
    return null;
  }
}

/** True when the owner is certainly gone: same machine, and no process with its pid. */
function ownerIsDead(owner: Owner | null): boolean {
  if (!owner || owner.host !== hostname() || owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (err) {
    // EPERM: a process with that pid exists (another user's): treat the lock as held.
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function acquire(folder: string) {
  return lockfile.lock(folder, {
    lockfilePath: `${folder}.lock`,
    stale: STALE_MS,
    update: STALE_MS / 4,
    realpath: false,
    onCompromised: (err) => {
      // Losing the lock means another process may be writing: stopping is the only safe move.
      console.error(`Lost the lock on ${folder}: ${err.message}. Stopping to protect the data.`);
      process.exit(70);
    },
  });
}

export async function lockDataFolder(folder: string): Promise<() => Promise<void>> {
  mkdirSync(folder, { recursive: true });
  const ownerPath = `${folder}.lock.owner`;
  let release: () => Promise<void>;
  try {
    release = await acquire(folder);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    const owner = readOwner(ownerPath);
    if (!ownerIsDead(owner)) throw new DataFolderLockedError(folder);
    // The holder was killed (kill -9, OOM, power cut of a container): its lock is ours to take.
    rmSync(`${folder}.lock`, { recursive: true, force: true });
    try {
      release = await acquire(folder);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataFolderLockedError(folder);
      throw again;
    }
  }
  writeFileSync(ownerPath, JSON.stringify({ pid: process.pid, host: hostname() } satisfies Owner), { mode: 0o600 });
  return async () => {
    rmSync(ownerPath, { force: true });
    await release();
  };
}
