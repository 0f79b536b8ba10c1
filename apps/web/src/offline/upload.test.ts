import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, MAX_PHOTO_ATTEMPTS, afterStop, chunkRange, countPhotos, createBody, fileStatus, maxSteps, nextStep, photosToUpload, retryPhoto, settle } from './upload';
import type { PhotoEntry } from './types';

const REJECTED = 'Le serveur a refusé cette photo.';
const SIZE = 1_300_000;
const NOW = '2026-11-22T06:00:00.000Z';

function photo(p: Partial<PhotoEntry> = {}): PhotoEntry {
  return {
    id: 'p1', evictionId: 'e1', sha256: 'a'.repeat(64), name: 'b2.png', type: 'image/png', size: SIZE,
    blob: new Blob([new Uint8Array(4)]), capturedAt: NOW, state: 'queued', ...p,
  };
}

const uploading = (uploadOffset: number) => ({ status: 'uploading', uploadOffset, rejectionReason: null });

describe('photosToUpload', () => {
  it('sends only queued photos whose eviction the server has, oldest first', () => {
    const list = [
      photo({ id: 'late', capturedAt: '2026-11-22T07:00:00.000Z' }),
      photo({ id: 'early', capturedAt: '2026-11-22T05:00:00.000Z' }),
      photo({ id: 'not-yet', evictionId: 'e2' }),
      photo({ id: 'sent', state: 'uploaded', blob: null }),
      photo({ id: 'refused', state: 'failed', error: 'nope' }),
    ];
    expect(photosToUpload(list, (table, id) => table === 'evictions' && id === 'e1').map((p) => p.id)).toEqual(['early', 'late']);
    expect(photosToUpload(list, () => false)).toEqual([]);
  });

  it('waits for the incident, not just its eviction, when the photo belongs to an incident', () => {
    const list = [photo({ id: 'of-incident', incidentId: 'i1' }), photo({ id: 'of-eviction' })];
    const evictionOnly = (table: string, id: string) => table === 'evictions' && id === 'e1';
    expect(photosToUpload(list, evictionOnly).map((p) => p.id)).toEqual(['of-eviction']);
    const both = (table: string, id: string) => evictionOnly(table, id) || (table === 'incidents' && id === 'i1');
    expect(photosToUpload(list, both).map((p) => p.id).sort()).toEqual(['of-eviction', 'of-incident']);
  });
});

describe('createBody and chunks', () => {
  it('declares the photo as captured, with the SHA-256 computed on the phone', () => {
    expect(createBody(photo())).toEqual({
      id: 'p1', evictionId: 'e1', kind: 'photo', declaredType: 'image/png', originalName: 'b2.png', sizeBytes: SIZE, sha256: 'a'.repeat(64), capturedAt: NOW,
    });
    expect(createBody(photo({ name: '' })).originalName).toBe('p1.jpg');
  });

  it('attaches an incident photo to its incident (and its eviction)', () => {
    expect(createBody(photo({ incidentId: 'i1' }))).toMatchObject({ evictionId: 'e1', incidentId: 'i1' });
    expect(createBody(photo({ incidentId: null }))).not.toHaveProperty('incidentId');
  });

  it('cuts 512 KiB chunks, the last one short', () => {
    expect(chunkRange(0, SIZE)).toEqual({ start: 0, end: CHUNK_BYTES });
    expect(chunkRange(2 * CHUNK_BYTES, SIZE)).toEqual({ start: 2 * CHUNK_BYTES, end: SIZE });
    expect(maxSteps(SIZE)).toBe(3 + 8);
  });
});

describe('nextStep', () => {
  it('starts from the offset the creation reports (0, or further after an interruption)', () => {
    expect(nextStep({ status: 201, offset: 0, evidence: uploading(0) }, SIZE, REJECTED)).toEqual({ do: 'patch', offset: 0 });
    expect(nextStep({ status: 200, offset: 700_000, evidence: uploading(700_000) }, SIZE, REJECTED)).toEqual({ do: 'patch', offset: 700_000 });
    expect(nextStep({ status: 200, evidence: uploading(1000) }, SIZE, REJECTED)).toEqual({ do: 'patch', offset: 1000 });
  });

  it('continues after each chunk from the offset the server acknowledged', () => {
    expect(nextStep({ status: 200, offset: CHUNK_BYTES, evidence: uploading(CHUNK_BYTES) }, SIZE, REJECTED)).toEqual({ do: 'patch', offset: CHUNK_BYTES });
  });

  it('is done only when the server says stored', () => {
    expect(nextStep({ status: 200, offset: SIZE, evidence: { status: 'stored', uploadOffset: SIZE, rejectionReason: null } }, SIZE, REJECTED)).toEqual({ do: 'stored' });
    // All bytes acknowledged without "stored" (the server could not store them, e.g. its disk was
    // full): never assume; an empty PATCH at the final offset asks it to finish.
    expect(nextStep({ status: 200, offset: SIZE, evidence: uploading(SIZE) }, SIZE, REJECTED)).toEqual({ do: 'patch', offset: SIZE });
  });

  it('learns the offset with HEAD when an answer does not carry it', () => {
    expect(nextStep({ status: 200, offset: null }, SIZE, REJECTED)).toEqual({ do: 'head' });
    expect(nextStep({ status: 200, offset: 524_288 }, SIZE, REJECTED)).toEqual({ do: 'patch', offset: 524_288 });
  });

  it('on an offset mismatch resumes from the server offset, or asks for it', () => {
    expect(nextStep({ status: 409, code: 'evidence.offset_mismatch', offset: 4096, details: { offset: 4096 } }, SIZE, REJECTED)).toEqual({ do: 'patch', offset: 4096 });
    expect(nextStep({ status: 409, code: 'evidence.offset_mismatch', offset: null, details: { offset: 8192 } }, SIZE, REJECTED)).toEqual({ do: 'patch', offset: 8192 });
    expect(nextStep({ status: 409, code: 'evidence.offset_mismatch' }, SIZE, REJECTED)).toEqual({ do: 'head' });
  });

  it('when the upload already finished (the last answer was lost), asks the creation which way', () => {
    expect(nextStep({ status: 409, code: 'evidence.not_uploading', message: 'x' }, SIZE, REJECTED)).toEqual({ do: 'create' });
    expect(nextStep({ status: 200, evidence: { status: 'rejected', uploadOffset: SIZE, rejectionReason: 'hash_mismatch' } }, SIZE, REJECTED))
      .toEqual({ do: 'failed', message: REJECTED });
  });

  it('keeps the photo queued on network failures, 5xx, busy uploads and lost sessions', () => {
    for (const a of [
      { status: 0, code: 'network' }, { status: 500, code: 'internal' }, { status: 503 }, { status: 429 },
      { status: 409, code: 'evidence.upload_busy' }, { status: 401, code: 'auth.unauthenticated' }, { status: 403, code: 'request.csrf_failed' },
    ]) expect(nextStep(a, SIZE, REJECTED)).toEqual({ do: 'stop' });
  });

  it('marks the photo failed with the server message on a hash or type mismatch', () => {
    expect(nextStep({ status: 422, code: 'evidence.hash_mismatch', message: 'Empreinte différente.' }, SIZE, REJECTED))
      .toEqual({ do: 'failed', message: 'Empreinte différente.' });
    expect(nextStep({ status: 422, code: 'evidence.type_mismatch', message: '' }, SIZE, REJECTED)).toEqual({ do: 'failed', message: REJECTED });
    expect(nextStep({ status: 413, code: 'evidence.too_large', message: 'Trop gros.' }, SIZE, REJECTED)).toEqual({ do: 'failed', message: 'Trop gros.' });
  });
});

describe('settle and countPhotos', () => {
  it('drops the bytes only once stored; a refused photo keeps them', () => {
    const stored = settle(photo(), { do: 'stored' }, NOW);
    expect(stored).toMatchObject({ state: 'uploaded', blob: null, uploadedAt: NOW, error: null });
    const failed = settle(photo(), { do: 'failed', message: 'Empreinte différente.' }, NOW);
    expect(failed.state).toBe('failed');
    expect(failed.blob).not.toBeNull();
    expect(failed.error).toBe('Empreinte différente.');
  });

  it('counts waiting, sent and refused photos', () => {
    const c = countPhotos([photo(), photo({ id: 'b', state: 'uploaded', blob: null }), photo({ id: 'c', state: 'failed', error: 'x' })]);
    expect(c.waiting).toBe(1);
    expect(c.sent).toBe(1);
    expect(c.failed.map((p) => p.id)).toEqual(['c']);
  });
});

describe('refused photos: retry and giving up', () => {
  it('a retry puts a refused photo back in the queue with its bytes, and forgets the old reason', () => {
    const refused = settle(photo(), { do: 'failed', message: 'Empreinte différente.' }, NOW);
    const again = retryPhoto({ ...refused, attempts: MAX_PHOTO_ATTEMPTS });
    expect(again).toMatchObject({ state: 'queued', error: null, attempts: 0 });
    expect(again.blob).toBe(refused.blob);
    expect(photosToUpload([again], () => true).map((p) => p.id)).toEqual(['p1']);
  });

  it('leaves photos that are not refused alone', () => {
    const sent = photo({ state: 'uploaded', blob: null });
    expect(retryPhoto(sent)).toBe(sent);
    expect(retryPhoto(photo())).toEqual(photo());
  });

  it('after repeated stalled runs, shows the photo as refused with the reason instead of waiting in silence', () => {
    let p = photo();
    for (let i = 1; i < MAX_PHOTO_ATTEMPTS; i += 1) {
      p = afterStop(p, 'Erreur 503');
      expect(p).toMatchObject({ state: 'queued', attempts: i });
    }
    p = afterStop(p, 'Erreur 503');
    expect(p).toMatchObject({ state: 'failed', error: 'Erreur 503', attempts: MAX_PHOTO_ATTEMPTS });
    expect(p.blob).not.toBeNull();
    expect(countPhotos([p]).failed).toHaveLength(1);
  });
});

describe('videos, sounds and documents kept in sealed chunks', () => {
  const video = (p: Partial<PhotoEntry> = {}) => photo({
    id: 'v1', kind: 'video', name: 'charge.mp4', type: 'video/mp4', size: 200_000_000, blob: null, chunks: 191, chunkBytes: 1024 * 1024,
    capturedAt: '2026-11-22T05:00:00.000Z', ...p,
  });

  it('are sent once kept whole, after the photos, declared with their own kind and type', () => {
    const storing = video({ id: 'v0', state: 'storing', sha256: '' });
    const list = [video(), photo({ id: 'later-photo', capturedAt: '2026-11-22T07:00:00.000Z' }), storing];
    expect(photosToUpload(list, () => true).map((p) => p.id)).toEqual(['later-photo', 'v1']);
    expect(createBody(video())).toMatchObject({ kind: 'video', declaredType: 'video/mp4', originalName: 'charge.mp4', sizeBytes: 200_000_000 });
    expect(createBody(video({ name: '', kind: 'audio', type: 'audio/x-m4a' })).originalName).toBe('v1.m4a');
    expect(maxSteps(200_000_000, 1024 * 1024)).toBe(191 + 8);
  });

  it('leave the phone only once stored; a refused one keeps its chunks and can be tried again', () => {
    expect(settle(video(), { do: 'stored' }, NOW)).toMatchObject({ state: 'uploaded', chunks: 0, sentBytes: 200_000_000 });
    const refused = settle(video(), { do: 'failed', message: 'Contenu différent.' }, NOW);
    expect(refused).toMatchObject({ state: 'failed', chunks: 191 });
    expect(retryPhoto(refused)).toMatchObject({ state: 'queued', chunks: 191 });
  });

  it('show where they stand: being kept, waiting, being sent, interrupted with nothing lost, sent, refused', () => {
    expect(fileStatus(video({ state: 'storing' }), { phase: 'storing' })).toBe('storing');
    // Still "storing" with nobody writing it: the app closed while it was being kept.
    expect(fileStatus(video({ state: 'storing' }), undefined)).toBe('storeInterrupted');
    expect(fileStatus(video(), undefined)).toBe('waiting');
    expect(fileStatus(video(), { phase: 'sending' })).toBe('sending');
    expect(fileStatus(video({ sentBytes: 86_000_000 }), undefined)).toBe('interrupted');
    expect(fileStatus(video({ state: 'uploaded' }), undefined)).toBe('sent');
    expect(fileStatus(video({ state: 'failed' }), undefined)).toBe('refused');
  });

  it('are listed one by one, apart from the photo counts', () => {
    const c = countPhotos([photo(), video(), video({ id: 'v2', state: 'storing' }), video({ id: 'v3', state: 'uploaded' }), video({ id: 'v4', state: 'failed' })]);
    expect(c.waiting).toBe(1);
    expect(c.files.map((p) => p.id)).toEqual(['v1', 'v2']);
    expect(c.filesSent).toBe(1);
    expect(c.failed.map((p) => p.id)).toEqual(['v4']);
  });
});
