import { incrementalSha256 } from './hash';

/**
 * A file's bytes on the phone (issue 16): cut into chunks of MEDIA_CHUNK_BYTES, each sealed on
 * its own with AES-GCM under the data key and bound (additional data) to its file and place, so
 * a chunk cannot be swapped, moved or replayed into another file unnoticed. A file is read one
 * chunk at a time, hashed as it goes: a 200 MB video is never whole in memory. chunks.ts keeps
 * the sealed chunks in IndexedDB; this file holds what needs no storage, so it is tested as is.
 */
export const MEDIA_CHUNK_BYTES = 1024 * 1024;

export interface SealedChunk {
  m: string;
  n: number;
  iv: Uint8Array;
  c: ArrayBuffer;
}

const aad = (mediaId: string, n: number) => new TextEncoder().encode(`chunks:${mediaId}:${n}`);

/** Which chunk holds byte `offset`, and where in it. */
export function chunkAt(offset: number, chunkBytes = MEDIA_CHUNK_BYTES): { n: number; skip: number } {
  return { n: Math.floor(offset / chunkBytes), skip: offset % chunkBytes };
}

export const chunkCount = (size: number, chunkBytes = MEDIA_CHUNK_BYTES) => Math.max(1, Math.ceil(size / chunkBytes));

export async function sealChunk(key: CryptoKey, mediaId: string, n: number, bytes: BufferSource): Promise<SealedChunk> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const c = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad(mediaId, n) }, key, bytes);
  return { m: mediaId, n, iv, c };
}

/** The chunk's bytes; throws when it was altered, or is another file's or another place's. */
export async function openChunk(key: CryptoKey, mediaId: string, n: number, row: SealedChunk): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: row.iv as BufferSource, additionalData: aad(mediaId, n) }, key, row.c));
}

/**
 * Reads `file` chunk by chunk, handing each to `keep` (which seals and writes it) before reading
 * the next, and returns the hex SHA-256 of the whole: the hash the server checks on arrival.
 */
export async function readInChunks(
  file: Blob, chunkBytes: number, keep: (n: number, bytes: Uint8Array) => Promise<void>, progress: (done: number) => void = () => undefined,
): Promise<string> {
  const hash = await incrementalSha256();
  const count = chunkCount(file.size, chunkBytes);
  for (let n = 0; n < count; n += 1) {
    const bytes = new Uint8Array(await file.slice(n * chunkBytes, (n + 1) * chunkBytes).arrayBuffer());
    hash.update(bytes);
    await keep(n, bytes);
    progress(Math.min(file.size, (n + 1) * chunkBytes));
  }
  return hash.hex();
}
