import { describe, expect, it } from 'vitest';
import { createBody, incidentPhotoOwner, photosOf, photosToUpload } from './upload';
import { openRow, sealRow } from './vault';
import type { PhotoEntry } from './types';

/** The phone's photo store with an incident outside an eviction as a photo's owner (issue 16). */

const NOW = '2026-12-04T06:00:00.000Z';
const photo = (p: Partial<PhotoEntry>): PhotoEntry => ({
  id: 'p', evictionId: 'e1', sha256: 'b'.repeat(64), name: 'x.jpg', type: 'image/jpeg', size: 4,
  blob: new Blob([new Uint8Array([1, 2, 3, 4])], { type: 'image/jpeg' }), capturedAt: NOW, state: 'queued', ...p,
});
const dataKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

describe('photos of an incident outside an eviction', () => {
  it('belong to the incident alone, apart from an eviction\'s photos and its incidents\' ones', () => {
    const outside = photo({ id: 'outside', ...incidentPhotoOwner('i-out', null) });
    const during = photo({ id: 'during', ...incidentPhotoOwner('i-in', 'e1') });
    const ofEviction = photo({ id: 'eviction', evictionId: 'e1' });
    const all = [outside, during, ofEviction];
    expect(photosOf(all, incidentPhotoOwner('i-out', null)).map((p) => p.id)).toEqual(['outside']);
    expect(photosOf(all, incidentPhotoOwner('i-in', 'e1')).map((p) => p.id)).toEqual(['during']);
    expect(photosOf(all, { evictionId: 'e1', incidentId: null }).map((p) => p.id)).toEqual(['eviction']);
  });

  it('upload once the incident is on the server, through the same intake, naming no eviction', () => {
    const outside = photo({ id: 'outside', evictionId: null, incidentId: 'i-out' });
    expect(photosToUpload([outside], () => false)).toEqual([]);
    expect(photosToUpload([outside], (table, id) => table === 'incidents' && id === 'i-out')).toEqual([outside]);
    const body = createBody(outside);
    expect(body).toMatchObject({ id: 'outside', incidentId: 'i-out', kind: 'photo', sha256: 'b'.repeat(64) });
    expect(body).not.toHaveProperty('evictionId');
  });

  it('a photo stored before owners other than evictions existed still reads as its eviction\'s, bytes included', async () => {
    const key = await dataKey();
    // The row as the phone wrote it until now: an eviction, no `incidentId` at all.
    const { incidentId: _none, ...old } = photo({ id: 'old' });
    const sealed = await sealRow(key, 'photos', 'old', old as Record<string, unknown>);
    const opened = (await openRow(key, 'photos', 'old', sealed)) as unknown as PhotoEntry;
    expect(photosOf([opened], { evictionId: 'e1', incidentId: null }).map((p) => p.id)).toEqual(['old']);
    expect(photosToUpload([opened], (table, id) => table === 'evictions' && id === 'e1').map((p) => p.id)).toEqual(['old']);
    expect(new Uint8Array(await opened.blob!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 4]));
  });

  it('an outside incident\'s photo keeps its owner through encryption', async () => {
    const key = await dataKey();
    const sealed = await sealRow(key, 'photos', 'new', photo({ id: 'new', ...incidentPhotoOwner('i-out', null) }) as unknown as Record<string, unknown>);
    const opened = (await openRow(key, 'photos', 'new', sealed)) as unknown as PhotoEntry;
    expect(opened).toMatchObject({ evictionId: null, incidentId: 'i-out', state: 'queued' });
  });
});
