import { createWriteStream } from 'node:fs';
import { mkdir, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';

/**
 * Where an upload's bytes wait until the last one arrives: DATA_DIR/uploads/<id>.part, on
 * the server's own disk (also when originals go to S3), written chunk by chunk at the offset
 * the database says, so a chunk is never held whole in memory.
 */
export const partPath = (dataDir: string, id: string) => join(dataDir, 'uploads', `${id}.part`);

export class ChunkTooLargeError extends Error {}

/** Length of the part file, or null when it is gone (data folder restored, disk cleaned). */
export async function partLength(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Appends the body at `offset`, refusing to go past `maxBytes`. Like tus, bytes that reached
 * the disk before the connection dropped are kept: `written` says how many, and the caller
 * moves the offset by that much so the phone resumes from there. `error` is why it stopped early.
 */
export async function writeChunk(path: string, offset: number, body: Readable, maxBytes: number): Promise<{ written: number; error?: unknown }> {
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
  // Bytes past the offset are leftovers of a chunk whose offset update never committed.
  if (offset > 0) await truncate(path, offset);
  const out = createWriteStream(path, { flags: offset === 0 ? 'w' : 'r+', start: offset, mode: 0o600, flush: true });
  let seen = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, next) {
      seen += chunk.length;
      if (seen > maxBytes) return next(new ChunkTooLargeError());
      next(null, chunk);
    },
  });
  try {
    await pipeline(body, limit, out);
    return { written: out.bytesWritten };
  } catch (error) {
    // Let the file descriptor close before the next chunk reopens the file.
    await finished(out).catch(() => {});
    return { written: out.bytesWritten, error };
  }
}
