import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkKey, ObjectNotFoundError, type ObjectStorage } from './object-storage.js';

/** Objects as files under one folder (by default DATA_DIR/evidence), for single-machine installs. */
export class LocalFolderStorage implements ObjectStorage {
  constructor(private readonly root: string) {}

  private path(key: string) {
    return join(this.root, ...checkKey(key).split('/'));
  }

  async put(key: string, body: Readable, sizeBytes: number): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    // Written beside the target then renamed: a crash never leaves a half-written object under the key.
    const partial = `${target}.${randomBytes(6).toString('hex')}.partial`;
    try {
      const out = createWriteStream(partial, { mode: 0o600, flush: true });
      await pipeline(body, out);
      if (out.bytesWritten !== sizeBytes) throw new Error(`Stored ${out.bytesWritten} bytes under ${key}, expected ${sizeBytes}`);
      await rename(partial, target);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.path(key);
    if (!(await this.exists(key))) throw new ObjectNotFoundError(key);
    return createReadStream(path);
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.path(key))).isFile();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }
}
