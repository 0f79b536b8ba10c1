import { mkdirSync } from 'node:fs';
import lockfile from 'proper-lockfile';

/**
 * PGlite has no cross-process locking: two processes opening the same folder silently lose
 * writes. The lock is a directory created atomically next to the data folder and refreshed
 * while we run; a crashed process's lock goes stale after STALE_MS and is then taken over.
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

export async function lockDataFolder(folder: string): Promise<() => Promise<void>> {
  mkdirSync(folder, { recursive: true });
  try {
    return await lockfile.lock(folder, {
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
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataFolderLockedError(folder);
    throw err;
  }
}
