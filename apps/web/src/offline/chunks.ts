import { promised, raw, sealingKey } from './idb';
import { openChunk, sealChunk, type SealedChunk } from './sealed-chunks';

/**
 * The sealed chunks of the phone's files in IndexedDB (store `chunks`, key [file id, index]),
 * outside the decrypted copy of the records (idb.ts): read and written one at a time.
 */
const STORE = 'chunks';

export class MissingChunk extends Error {
  constructor(mediaId: string, n: number) {
    super(`chunk ${n} of ${mediaId} is missing`);
  }
}

/** Seals, then writes chunk `n` (encrypting first: WebCrypto's promise would end an open IndexedDB transaction). */
export async function putChunk(key: CryptoKey, mediaId: string, n: number, bytes: BufferSource): Promise<void> {
  const row = await sealChunk(key, mediaId, n, bytes);
  await raw([STORE], 'readwrite', (t) => {
    t.objectStore(STORE).put(row);
  });
}

/** Chunk `n`, decrypted; only while the phone is unlocked (a lock stops an upload, which resumes after). */
export async function readChunk(mediaId: string, n: number): Promise<Uint8Array> {
  const key = sealingKey();
  const row = await raw([STORE], 'readonly', (t) => promised(t.objectStore(STORE).get([mediaId, n]) as IDBRequest<SealedChunk | undefined>));
  if (!row) throw new MissingChunk(mediaId, n);
  return openChunk(key, mediaId, n, row);
}

/** Erases a file's bytes (once the server confirmed them, or the observer removed the file). */
export async function deleteChunksOf(mediaId: string): Promise<void> {
  await raw([STORE], 'readwrite', (t) => {
    t.objectStore(STORE).delete(IDBKeyRange.bound([mediaId, 0], [mediaId, Number.MAX_SAFE_INTEGER]));
  });
}

/** The files that have chunks on the phone (their ids), to clear leftovers no entry claims. */
export async function filesWithChunks(): Promise<Set<string>> {
  const keys = await raw([STORE], 'readonly', (t) => promised(t.objectStore(STORE).getAllKeys()));
  return new Set(keys.map((k) => (k as [string, number])[0]));
}
