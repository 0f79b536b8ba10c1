import { ApiError, requestRaw, type RawAnswer } from '../api/client';
import { t } from '../i18n';
import { getAll } from './db';
import { tx } from './idb';
import type { PhotoEntry } from './types';
import { afterStop, chunkRange, createBody, maxSteps, nextStep, photosToUpload, settle, type UploadAnswer, type UploadStep } from './upload';

/**
 * Sends the queued photos with the resumable evidence protocol (see upload.ts for the decisions).
 * Called by the sync loop after the outbox was pushed. A transient failure is thrown, so that the
 * loop retries later with its backoff; the photo stays queued and resumes from the server's offset.
 */
export async function uploadPhotos(stillOwner: () => void = () => undefined): Promise<void> {
  const photos = await getAll('photos');
  if (!photos.some((p) => p.state === 'queued')) return;
  const known = async (table: 'evictions' | 'incidents') => new Set((await getAll(table)).filter((r) => r.version !== null).map((r) => r.id));
  const onServer = { evictions: await known('evictions'), incidents: await known('incidents') };
  for (const photo of photosToUpload(photos, (table, id) => onServer[table].has(id))) {
    stillOwner();
    await uploadOne(photo);
  }
}

const CHUNK_TYPE = 'application/offset+octet-stream';

async function uploadOne(photo: PhotoEntry): Promise<void> {
  const blob = photo.blob!;
  let step: UploadStep = { do: 'create' };
  let last = 0;
  for (let i = 0; i < maxSteps(photo.size); i += 1) {
    let raw: RawAnswer;
    if (step.do === 'create') {
      raw = await requestRaw('POST', '/api/evidence', JSON.stringify(createBody(photo)), { 'Content-Type': 'application/json' });
    } else if (step.do === 'head') {
      raw = await requestRaw('HEAD', `/api/evidence/${photo.id}`);
    } else if (step.do === 'patch') {
      const { start, end } = chunkRange(step.offset, photo.size);
      raw = await requestRaw('PATCH', `/api/evidence/${photo.id}`, blob.slice(start, end), { 'Content-Type': CHUNK_TYPE, 'Upload-Offset': String(start) });
    } else {
      return;
    }
    last = raw.status;
    step = nextStep(toAnswer(raw), photo.size, t('field.photo.rejected'));
    if (step.do === 'stop') {
      const error = raw.error ?? new ApiError('evidence.upload_stalled', t('errors.generic', { status: raw.status }), raw.status);
      // A lost session or a dead network says nothing about this photo: only server trouble counts.
      if (raw.status !== 0 && raw.status !== 401 && raw.error?.code !== 'request.csrf_failed') await countStop(photo, error.message);
      throw error;
    }
    if (step.do === 'stored' || step.do === 'failed') {
      const settled = settle(photo, step, new Date().toISOString());
      await update(photo.id, () => settled);
      return;
    }
  }
  // The server kept answering without a conclusion: try again on a later run.
  const stalled = new ApiError('evidence.upload_stalled', t('errors.generic', { status: last }), last);
  await countStop(photo, stalled.message);
  throw stalled;
}

/** Re-reads inside the transaction: never overwrite a newer state, never drop bytes of a photo we did not settle. */
async function update(id: string, next: (cur: PhotoEntry) => PhotoEntry): Promise<void> {
  await tx(['photos'], 'readwrite', async (s) => {
    const cur = (await s.photos.get(id)) as PhotoEntry | undefined;
    if (cur && cur.state === 'queued') await s.photos.put(next(cur));
  });
}

const countStop = (photo: PhotoEntry, reason: string) => update(photo.id, (cur) => afterStop(cur, t('field.outboxPhoto.exhausted', { reason })));

function toAnswer(raw: RawAnswer): UploadAnswer {
  const header = raw.headers.get('upload-offset');
  const offset = header === null || header === '' ? null : Number(header);
  const evidence = (raw.payload as { evidence?: UploadAnswer['evidence'] } | undefined)?.evidence;
  return {
    status: raw.status, code: raw.error?.code, message: raw.error?.message, details: raw.error?.details,
    offset: offset !== null && Number.isFinite(offset) ? offset : null, evidence,
  };
}
