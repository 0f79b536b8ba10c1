import { ApiError, requestRaw, type RawAnswer } from '../api/client';
import { t } from '../i18n';
import { getAll } from './db';
import { tx } from './idb';
import type { PhotoEntry } from './types';
import { chunkRange, createBody, maxSteps, nextStep, photosToUpload, settle, type UploadAnswer, type UploadStep } from './upload';

/**
 * Sends the queued photos with the resumable evidence protocol (see upload.ts for the decisions).
 * Called by the sync loop after the outbox was pushed. A transient failure is thrown, so that the
 * loop retries later with its backoff; the photo stays queued and resumes from the server's offset.
 */
export async function uploadPhotos(): Promise<void> {
  const photos = await getAll('photos');
  if (!photos.some((p) => p.state === 'queued')) return;
  const onServer = new Set((await getAll('evictions')).filter((e) => e.version !== null).map((e) => e.id));
  for (const photo of photosToUpload(photos, (id) => onServer.has(id))) await uploadOne(photo);
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
    if (step.do === 'stop') throw raw.error ?? new ApiError('evidence.upload_stalled', t('errors.generic', { status: raw.status }), raw.status);
    if (step.do === 'stored' || step.do === 'failed') {
      const settled = settle(photo, step, new Date().toISOString());
      await tx(['photos'], 'readwrite', async (s) => {
        // Re-read: never overwrite a newer state, and never drop bytes of a photo we did not settle.
        const cur = (await s.photos.get(photo.id)) as PhotoEntry | undefined;
        if (cur && cur.state === 'queued') await s.photos.put(settled);
      });
      return;
    }
  }
  // The server kept answering without a conclusion: try again on a later run.
  throw new ApiError('evidence.upload_stalled', t('errors.generic', { status: last }), last);
}

function toAnswer(raw: RawAnswer): UploadAnswer {
  const header = raw.headers.get('upload-offset');
  const offset = header === null || header === '' ? null : Number(header);
  const evidence = (raw.payload as { evidence?: UploadAnswer['evidence'] } | undefined)?.evidence;
  return {
    status: raw.status, code: raw.error?.code, message: raw.error?.message, details: raw.error?.details,
    offset: offset !== null && Number.isFinite(offset) ? offset : null, evidence,
  };
}
