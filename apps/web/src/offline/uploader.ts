import { ApiError, requestRaw, type RawAnswer } from '../api/client';
import { t } from '../i18n';
import { deleteChunksOf, readChunk } from './chunks';
import { getAll } from './db';
import { tx } from './idb';
import { clearLeftoverChunks } from './media';
import { setProgress } from './progress';
import { chunkAt } from './sealed-chunks';
import type { PhotoEntry } from './types';
import { afterStop, chunkRange, createBody, kindOf, maxSteps, nextStep, photosToUpload, settle, type UploadAnswer, type UploadStep } from './upload';

/**
 * Sends the queued files with the resumable evidence protocol (see upload.ts for the decisions).
 * Called by the sync loop after the outbox was pushed. A transient failure is thrown, so that the
 * loop retries later with its backoff; the file stays queued and resumes from the server's offset
 * (asked again with the idempotent creation), also after a reload or a restart of the phone.
 */
export async function uploadPhotos(stillOwner: () => void = () => undefined, giveWay: () => boolean = () => false): Promise<void> {
  const photos = await getAll('photos');
  await clearLeftoverChunks(photos);
  if (!photos.some((p) => p.state === 'queued')) return;
  const known = async (table: 'evictions' | 'incidents') => new Set((await getAll(table)).filter((r) => r.version !== null).map((r) => r.id));
  const onServer = { evictions: await known('evictions'), incidents: await known('incidents') };
  for (const photo of photosToUpload(photos, (table, id) => onServer[table].has(id))) {
    stillOwner();
    if (giveWay() || !(await uploadOne(photo, giveWay))) return;
  }
}

const CHUNK_TYPE = 'application/offset+octet-stream';
/** Bytes per request for a file in sealed chunks: fewer round trips than one per chunk, well under the server's 8 MiB. */
const REQUEST_BYTES = 4 * 1024 * 1024;
/** How often the acknowledged offset is written to the entry (a sealed row write), in bytes sent. */
const PERSIST_EVERY_BYTES = 16 * 1024 * 1024;

/**
 * The next request's bytes from `offset`: for a file in sealed chunks, the chunk holding it from
 * there and the following ones, up to REQUEST_BYTES (a few decrypted chunks in memory, never the
 * file); for a row kept whole, its 512 KiB range.
 */
async function bytesFrom(photo: PhotoEntry, offset: number): Promise<BodyInit> {
  if (photo.blob) {
    const { start, end } = chunkRange(offset, photo.size);
    return photo.blob.slice(start, end);
  }
  const parts: Uint8Array[] = [];
  let length = 0;
  for (let at = offset; at < photo.size && length < REQUEST_BYTES;) {
    const { n, skip } = chunkAt(at, photo.chunkBytes);
    const bytes = await readChunk(photo.id, n);
    const part = skip ? bytes.subarray(skip) : bytes;
    parts.push(part);
    length += part.length;
    at += part.length;
  }
  return new Blob(parts as BlobPart[]);
}

/** False when it gave way part-way (the observer saved something to push first); it resumes on the next run. */
async function uploadOne(photo: PhotoEntry, giveWay: () => boolean): Promise<boolean> {
  let step: UploadStep = { do: 'create' };
  let last = 0;
  let acknowledged = photo.sentBytes ?? 0;
  let persisted = acknowledged;
  const show = kindOf(photo) !== 'photo';
  if (show) setProgress(photo.id, { phase: 'sending', done: acknowledged, total: photo.size });
  try {
    for (let i = 0; i < maxSteps(photo.size, photo.blob ? undefined : photo.chunkBytes); i += 1) {
      if (step.do === 'patch' && i > 0 && giveWay()) {
        await update(photo.id, (cur) => ({ ...cur, sentBytes: acknowledged }));
        return false;
      }
      const raw = await send(photo, step);
      if (!raw) return true;
      last = raw.status;
      const answer = toAnswer(raw);
      step = nextStep(answer, photo.size, t(show ? 'media.rejected' : 'field.photo.rejected'));
      const offset = answer.offset ?? answer.evidence?.uploadOffset;
      if (typeof offset === 'number' && raw.status < 300) {
        acknowledged = offset;
        if (show) setProgress(photo.id, { phase: 'sending', done: offset, total: photo.size });
        // Now and then on the phone too, so a page closed mid-upload shows where it was when reopened.
        if (acknowledged - persisted >= PERSIST_EVERY_BYTES && acknowledged < photo.size) {
          persisted = acknowledged;
          await update(photo.id, (cur) => ({ ...cur, sentBytes: acknowledged }));
        }
      }
      if (step.do === 'stop') {
        const error = raw.error ?? new ApiError('evidence.upload_stalled', t('errors.generic', { status: raw.status }), raw.status);
        // A lost session or a dead network says nothing about this file: only server trouble counts.
        if (raw.status !== 0 && raw.status !== 401 && raw.error?.code !== 'request.csrf_failed') await countStop(photo, error.message, acknowledged);
        else await update(photo.id, (cur) => ({ ...cur, sentBytes: acknowledged }));
        throw error;
      }
      if (step.do === 'stored' || step.do === 'failed') {
        const settled = settle(photo, step, new Date().toISOString());
        await update(photo.id, () => settled);
        // The server holds the very bytes (hash checked): only now do they leave the phone.
        if (step.do === 'stored' && photo.chunks) await deleteChunksOf(photo.id);
        return true;
      }
    }
  } catch (error) {
    // A lock, a missing chunk or a dead network mid-way: the entry keeps where the server was.
    if (!(error instanceof ApiError)) await update(photo.id, (cur) => ({ ...cur, sentBytes: acknowledged })).catch(() => undefined);
    throw error;
  } finally {
    if (show) setProgress(photo.id, null);
  }
  // The server kept answering without a conclusion: try again on a later run.
  const stalled = new ApiError('evidence.upload_stalled', t('errors.generic', { status: last }), last);
  await countStop(photo, stalled.message, acknowledged);
  throw stalled;
}

async function send(photo: PhotoEntry, step: UploadStep): Promise<RawAnswer | null> {
  if (step.do === 'create') return requestRaw('POST', '/api/evidence', JSON.stringify(createBody(photo)), { 'Content-Type': 'application/json' });
  if (step.do === 'head') return requestRaw('HEAD', `/api/evidence/${photo.id}`);
  if (step.do === 'patch') {
    return requestRaw('PATCH', `/api/evidence/${photo.id}`, await bytesFrom(photo, step.offset), { 'Content-Type': CHUNK_TYPE, 'Upload-Offset': String(step.offset) });
  }
  return null;
}

/** Re-reads inside the transaction: never overwrite a newer state, never drop bytes of a file we did not settle. */
async function update(id: string, next: (cur: PhotoEntry) => PhotoEntry): Promise<void> {
  await tx(['photos'], 'readwrite', async (s) => {
    const cur = (await s.photos.get(id)) as PhotoEntry | undefined;
    if (cur && cur.state === 'queued') await s.photos.put(next(cur));
  });
}

const countStop = (photo: PhotoEntry, reason: string, sentBytes: number) =>
  update(photo.id, (cur) => ({ ...afterStop(cur, t('field.outboxPhoto.exhausted', { reason })), sentBytes }));

function toAnswer(raw: RawAnswer): UploadAnswer {
  const header = raw.headers.get('upload-offset');
  const offset = header === null || header === '' ? null : Number(header);
  const evidence = (raw.payload as { evidence?: UploadAnswer['evidence'] } | undefined)?.evidence;
  return {
    status: raw.status, code: raw.error?.code, message: raw.error?.message, details: raw.error?.details,
    offset: offset !== null && Number.isFinite(offset) ? offset : null, evidence,
  };
}
