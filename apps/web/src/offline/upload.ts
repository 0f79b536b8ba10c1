import { isTransient } from './outbox';
import type { PhotoEntry, PhotoOwner } from './types';

/**
 * The evidence upload's decisions, kept pure (the fetches live in uploader.ts). A file (photo,
 * video, sound, document) goes:
 *
 *   create (POST, idempotent on the photo's id) ──▶ patch from the server's offset, chunk by chunk
 *      ▲                                              │ 200 uploading → next chunk
 *      │ 409 not_uploading (already finished)         │ 200 stored    → uploaded (bytes may go)
 *      └──────────────────────────────────────────────┤ 409 offset    → patch from the server's offset, or HEAD
 *                                                     │ 422 hash/type → failed, the file is kept
 *                                                     └ network / 5xx → stays queued, retried with backoff
 */

/** The request size for rows kept whole (before chunked storage); chunked files send one stored chunk per request. */
export const CHUNK_BYTES = 512 * 1024;
/** Requests for one file in one run before giving up until the next run (a loop guard). */
export const maxSteps = (size: number, chunk = CHUNK_BYTES) => Math.ceil(size / chunk) + 8;

/** Whether the phone still holds the file's bytes (whole in the row, or in sealed chunks). */
export const hasBytes = (p: Pick<PhotoEntry, 'blob' | 'chunks'>) => p.blob !== null || (p.chunks ?? 0) > 0;
export const kindOf = (p: Pick<PhotoEntry, 'kind'>) => p.kind ?? 'photo';

/**
 * Files to send now: queued ones whose record (the incident when attached to one, otherwise the
 * eviction) the server has acknowledged; photos first, then the rest, each oldest first — a long
 * video does not hold back the photos taken after it.
 */
export function photosToUpload(photos: readonly PhotoEntry[], onServer: (table: 'evictions' | 'incidents', id: string) => boolean): PhotoEntry[] {
  return photos
    .filter((p) => {
      if (p.state !== 'queued' || !hasBytes(p)) return false;
      const record = recordOfPhoto(p);
      return record !== null && onServer(record.table, record.id);
    })
    .sort((a, b) => Number(kindOf(a) !== 'photo') - Number(kindOf(b) !== 'photo') || a.capturedAt.localeCompare(b.capturedAt) || a.id.localeCompare(b.id));
}

/** The record a photo waits for and follows: its incident when it has one, otherwise its eviction. */
export function recordOfPhoto(p: Pick<PhotoEntry, 'evictionId' | 'incidentId'>): { table: 'evictions' | 'incidents'; id: string } | null {
  if (p.incidentId) return { table: 'incidents', id: p.incidentId };
  return p.evictionId ? { table: 'evictions', id: p.evictionId } : null;
}

/** The photos taken for this owner (an eviction's own photos are not its incidents' ones). */
export function photosOf<P extends Pick<PhotoEntry, 'evictionId' | 'incidentId'>>(photos: readonly P[], owner: PhotoOwner): P[] {
  return photos.filter((p) => (p.evictionId ?? null) === owner.evictionId && (p.incidentId ?? null) === owner.incidentId);
}

/** An incident's photos belong to it, and to its eviction when it was recorded during one. */
export const incidentPhotoOwner = (incidentId: string, evictionId: string | null): PhotoOwner =>
  evictionId === null ? { evictionId: null, incidentId } : { evictionId, incidentId };

const DEFAULT_EXTENSION = { photo: 'jpg', video: 'mp4', audio: 'm4a', document: 'pdf' } as const;

/** The upload's declaration: the server decides the kind from the type, then checks both against the bytes. */
export function createBody(p: PhotoEntry) {
  return {
    // Outside an eviction the server finds the incident alone (it refuses a null eviction).
    id: p.id, ...(p.evictionId && { evictionId: p.evictionId }), ...(p.incidentId && { incidentId: p.incidentId }), kind: kindOf(p), declaredType: p.type,
    originalName: p.name || `${p.id}.${DEFAULT_EXTENSION[kindOf(p)]}`, sizeBytes: p.size, sha256: p.sha256, capturedAt: p.capturedAt,
  };
}

/** The byte range of the chunk starting at `offset`. */
export function chunkRange(offset: number, size: number, chunk = CHUNK_BYTES): { start: number; end: number } {
  return { start: offset, end: Math.min(size, offset + chunk) };
}

/** A server answer, reduced to what the decision needs. `status` 0 is a network failure. */
export interface UploadAnswer {
  status: number;
  code?: string | undefined;
  /** The server's message, already translated. */
  message?: string | undefined;
  /** The Upload-Offset header, when present. */
  offset?: number | null | undefined;
  details?: unknown;
  evidence?: { status: string; uploadOffset: number; rejectionReason: string | null } | undefined;
}

export type UploadStep =
  | { do: 'create' }
  | { do: 'head' }
  | { do: 'patch'; offset: number }
  | { do: 'stored' }
  | { do: 'failed'; message: string }
  /** Give up for this run and let the sync loop handle it (retry with backoff, sign in again…). */
  | { do: 'stop' };

const offsetIn = (details: unknown): number | null => {
  const o = (details as { offset?: unknown } | null | undefined)?.offset;
  return typeof o === 'number' && Number.isInteger(o) && o >= 0 ? o : null;
};

/**
 * What to do after an answer. `rejected` is the message shown when the server reports the
 * upload as already refused (a lost 422), since it then gives a reason code, not a sentence.
 */
export function nextStep(answer: UploadAnswer, size: number, rejected: string): UploadStep {
  const { status, code } = answer;
  if (isTransient(status) || status === 401 || code === 'request.csrf_failed' || code === 'evidence.upload_busy') return { do: 'stop' };
  if (status >= 200 && status < 300) {
    const ev = answer.evidence;
    if (ev?.status === 'stored') return { do: 'stored' };
    if (ev?.status === 'rejected') return { do: 'failed', message: rejected };
    const offset = answer.offset ?? ev?.uploadOffset ?? null;
    if (offset === null || !Number.isInteger(offset) || offset < 0) return { do: 'head' };
    // Every byte is there yet nothing says stored (storing failed, e.g. a full disk on the
    // server): an empty PATCH at the final offset asks the server to finish storing it.
    return offset <= size ? { do: 'patch', offset } : { do: 'head' };
  }
  if (code === 'evidence.offset_mismatch') {
    const offset = answer.offset ?? offsetIn(answer.details);
    return offset !== null && offset < size ? { do: 'patch', offset } : { do: 'head' };
  }
  // Finished meanwhile (the answer to the last chunk was lost), or the upload is unknown: creating
  // again is idempotent and tells which.
  if (code === 'evidence.not_uploading' || (status === 404 && code === 'evidence.not_found')) return { do: 'create' };
  return { do: 'failed', message: answer.message || rejected };
}

/** The file once the server answered for good. The bytes are dropped only when stored (its chunks by the uploader, after this). */
export function settle(p: PhotoEntry, step: { do: 'stored' } | { do: 'failed'; message: string }, now: string): PhotoEntry {
  if (step.do === 'stored') return { ...p, state: 'uploaded', blob: null, chunks: 0, sentBytes: p.size, error: null, uploadedAt: now };
  return { ...p, state: 'failed', error: step.message };
}

/**
 * A refused photo queued again at the observer's request. The upload's creation is idempotent on
 * the photo's id, so the server answers again from what it holds: a photo refused for good (a
 * hash mismatch) is refused again with its reason, one stopped by a network failure resumes.
 */
export function retryPhoto(p: PhotoEntry): PhotoEntry {
  if (p.state !== 'failed' || !hasBytes(p)) return p;
  return { ...p, state: 'queued', error: null, attempts: 0 };
}

/** Runs in a row a photo may stop without a conclusion before the observer is told. */
export const MAX_PHOTO_ATTEMPTS = 8;

/**
 * A run stopped on this photo (server error, stalled upload). After MAX_PHOTO_ATTEMPTS such runs
 * it is shown as refused with the last reason, so the observer sees it and can retry or remove
 * it, instead of it waiting forever in silence. A missing session does not count.
 */
export function afterStop(p: PhotoEntry, message: string, max = MAX_PHOTO_ATTEMPTS): PhotoEntry {
  const attempts = (p.attempts ?? 0) + 1;
  return attempts >= max ? { ...p, attempts, state: 'failed', error: message } : { ...p, attempts };
}

export interface PhotoCounts {
  /** Photos waiting and sent (counted); other files are listed one by one with their progress. */
  waiting: number;
  sent: number;
  /** Refused files of every kind. */
  failed: PhotoEntry[];
  /** Videos, sounds and documents not yet sent (being kept, waiting, being sent). */
  files: PhotoEntry[];
  filesSent: number;
}

export function countPhotos(photos: readonly PhotoEntry[]): PhotoCounts {
  const isPhoto = (p: PhotoEntry) => kindOf(p) === 'photo';
  return {
    waiting: photos.filter((p) => isPhoto(p) && p.state === 'queued').length,
    sent: photos.filter((p) => isPhoto(p) && p.state === 'uploaded').length,
    failed: photos.filter((p) => p.state === 'failed'),
    files: photos.filter((p) => !isPhoto(p) && (p.state === 'queued' || p.state === 'storing')),
    filesSent: photos.filter((p) => !isPhoto(p) && p.state === 'uploaded').length,
  };
}

/**
 * What the phone shows for a file, from its entry and what this tab is doing with it: `storing`
 * with no screen writing it means the app closed while it was being kept (the file was not
 * kept: attach it again); `interrupted` is an upload that stopped part-way and resumes from the
 * server's offset on the next run.
 */
export type FileStatus = 'storing' | 'storeInterrupted' | 'waiting' | 'sending' | 'interrupted' | 'sent' | 'refused';
export function fileStatus(p: PhotoEntry, live: { phase: 'storing' | 'sending' } | undefined): FileStatus {
  if (p.state === 'storing') return live?.phase === 'storing' ? 'storing' : 'storeInterrupted';
  if (p.state === 'uploaded') return 'sent';
  if (p.state === 'failed') return 'refused';
  if (live?.phase === 'sending') return 'sending';
  return (p.sentBytes ?? 0) > 0 ? 'interrupted' : 'waiting';
}
