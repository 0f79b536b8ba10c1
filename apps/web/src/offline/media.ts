import { EVIDENCE_MAX_BYTES, SIGNATURE_BYTES, declaredTypeOf, kindOfType, signatureMatches, type EvidenceKind } from '@vigie/domain/rules';
import { deleteChunksOf, filesWithChunks, putChunk } from './chunks';
import { sealingKey, tx } from './idb';
import { progressOf, setProgress } from './progress';
import { MEDIA_CHUNK_BYTES, chunkCount, readInChunks } from './sealed-chunks';
import { localChanged, newId } from './store';
import type { PhotoEntry, PhotoOwner } from './types';

/**
 * Keeping a file on the phone (issue 16): a photo, a video, a sound recording or a document. Its
 * kind follows its type (the domain's table, the one the server applies; the server then checks
 * the type against the bytes). The file is read one chunk at a time — hashed (SHA-256, the start
 * of the chain of custody) and sealed into its own record as it goes (sealed-chunks.ts) — so a
 * 200 MB video is never whole in memory. Its entry exists from the first byte, `storing`, and becomes `queued`
 * with its hash once the last chunk is sealed: a file half kept is never sent.
 */

export type RefusalReason = 'type' | 'empty' | 'size' | 'content';
export class FileRefused extends Error {
  constructor(readonly reason: RefusalReason, readonly kind: EvidenceKind | null = null, readonly maxBytes = 0, readonly declaredType = '') {
    super(`file refused: ${reason}`);
  }
}

/** Why a file cannot be kept, before reading a byte of it; null when it can. */
export function refusalOf(file: { name: string; type: string; size: number }): FileRefused | null {
  const kind = kindOfType(declaredTypeOf(file));
  if (!kind) return new FileRefused('type');
  if (file.size === 0) return new FileRefused('empty', kind);
  if (file.size > EVIDENCE_MAX_BYTES[kind]) return new FileRefused('size', kind, EVIDENCE_MAX_BYTES[kind]);
  return null;
}

export async function storeFile(owner: PhotoOwner, file: File, chunkBytes = MEDIA_CHUNK_BYTES): Promise<PhotoEntry> {
  const refused = refusalOf(file);
  if (refused) throw refused;
  const type = declaredTypeOf(file);
  // A program renamed "ordonnance.pdf" is refused now, not after a long upload (the server checks again, further).
  if (signatureMatches(type, new Uint8Array(await file.slice(0, SIGNATURE_BYTES).arrayBuffer())) === false) {
    throw new FileRefused('content', kindOfType(type), 0, type);
  }
  // Taken now: a lock while the file is being kept does not lose it (as a record's save, idb.ts `tx`).
  const key = sealingKey();
  const entry: PhotoEntry = {
    id: newId(), evictionId: owner.evictionId, incidentId: owner.incidentId, kind: kindOfType(type)!, sha256: '', name: file.name, type,
    size: file.size, blob: null, chunks: chunkCount(file.size, chunkBytes), chunkBytes, capturedAt: new Date(file.lastModified || Date.now()).toISOString(),
    state: 'storing',
  };
  await tx(['photos'], 'readwrite', (s) => s.photos.put(entry));
  setProgress(entry.id, { phase: 'storing', done: 0, total: file.size });
  try {
    const sha256 = await readInChunks(file, chunkBytes, (n, bytes) => putChunk(key, entry.id, n, bytes as BufferSource),
      (done) => setProgress(entry.id, { phase: 'storing', done, total: file.size }));
    const kept: PhotoEntry = { ...entry, sha256, state: 'queued' };
    const stillThere = await tx(['photos'], 'readwrite', async (s) => {
      if (((await s.photos.get(entry.id)) as PhotoEntry | undefined)?.state !== 'storing') return false;
      await s.photos.put(kept);
      return true;
    });
    if (!stillThere) throw new Error('removed while being kept');
    localChanged();
    return kept;
  } catch (error) {
    // Nothing half kept: the chunks written so far and the entry go (the file is still in the phone's gallery).
    await deleteChunksOf(entry.id).catch(() => undefined);
    await tx(['photos'], 'readwrite', (s) => s.photos.delete(entry.id)).catch(() => undefined);
    throw error;
  } finally {
    setProgress(entry.id, null);
  }
}

/**
 * The observer drops a file from this phone: one the server refused, or one whose keeping was
 * interrupted (the app closed meanwhile). The only ways a file's bytes leave the phone unsent.
 */
export async function removeFile(id: string): Promise<void> {
  let removed = false;
  await tx(['photos'], 'readwrite', async (s) => {
    const p = (await s.photos.get(id)) as PhotoEntry | undefined;
    if (p?.state === 'failed' || (p?.state === 'storing' && progressOf(id)?.phase !== 'storing')) {
      await s.photos.delete(id);
      removed = true;
    }
  });
  if (removed) await deleteChunksOf(id);
}

/**
 * Chunks no entry needs any more: their file was sent (the deletion after the server's
 * confirmation did not finish) or removed. Run before uploads; an entry being kept is never touched.
 */
export async function clearLeftoverChunks(entries: readonly PhotoEntry[]): Promise<void> {
  const needed = new Set(entries.filter((p) => p.state !== 'uploaded').map((p) => p.id));
  for (const id of await filesWithChunks()) {
    if (!needed.has(id) && progressOf(id)?.phase !== 'storing') await deleteChunksOf(id);
  }
}
