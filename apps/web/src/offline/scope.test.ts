import { describe, expect, it } from 'vitest';
import { emptyCounts } from '@vigie/domain/rules';
import { outOfScope, scopeKey, type LocalRows } from './scope';
import type { LocalEviction, LocalOperation, LocalSite, PhotoEntry } from './types';

const CALAIS = 'area-calais';
const DUNKIRK = 'area-dunkirk';
const scope = { areaIds: [CALAIS], prefillDays: 14, since: '2026-11-20', unverified: 'own' as const };
const ME = 'me';

const site = (id: string, areaId: string): LocalSite => ({
  id, record: { id, code: id, name: id, aliases: [], areaId, communeInsee: '62193', latitude: null, longitude: null, active: true, notes: null } as LocalSite['record'],
  version: 1, syncState: 'synced', error: null, updatedAt: '',
});
const operation = (id: string, areaId: string, startedAt: string): LocalOperation => ({
  id, record: { id, areaId, startedAt } as LocalOperation['record'], version: 1, syncState: 'synced', error: null, updatedAt: '',
});
const eviction = (id: string, operationId: string, siteId: string, arrivedAt: string, over: Partial<LocalEviction> = {}): LocalEviction => ({
  id, record: { id, operationId, siteId, arrivedAt, counts: emptyCounts() } as unknown as LocalEviction['record'], operationId, siteId,
  version: 2, syncState: 'synced', error: null, updatedAt: '', status: 'submitted', rejectionReason: null, suggestions: null, prefilledFrom: null,
  createdById: 'someone', ...over,
});
const photo = (id: string, evictionId: string, state: PhotoEntry['state']): PhotoEntry => ({
  id, evictionId, sha256: '', name: '', type: 'image/jpeg', size: 1, blob: null, capturedAt: '', state,
});

function rows(over: Partial<LocalRows> = {}): LocalRows {
  return {
    sites: [site('s-calais', CALAIS), site('s-dunkirk', DUNKIRK)],
    operations: [operation('o-today', CALAIS, '2026-12-03T05:00:00Z'), operation('o-old', CALAIS, '2026-11-01T05:00:00Z'), operation('o-dk', DUNKIRK, '2026-12-03T05:00:00Z')],
    evictions: [
      eviction('e-today', 'o-today', 's-calais', '2026-12-03T05:30:00Z'),
      eviction('e-old', 'o-old', 's-calais', '2026-11-01T05:30:00Z'),
      eviction('e-dk', 'o-dk', 's-dunkirk', '2026-12-03T05:30:00Z'),
    ],
    incidents: [{ id: 'i-old', record: {} as never, evictionId: 'e-old', version: 1, syncState: 'synced', error: null, updatedAt: '' }],
    photos: [],
    ...over,
  };
}

describe('what leaves the phone after a pull', () => {
  it('drops confirmed records older than the window or of another area, with their incidents', () => {
    const drop = outOfScope(rows(), scope, new Set(), ME);
    expect(drop.evictions.sort()).toEqual(['e-dk', 'e-old']);
    expect(drop.operations.sort()).toEqual(['o-dk', 'o-old']);
    expect(drop.incidents).toEqual(['i-old']);
    expect(drop.sites).toEqual(['s-dunkirk']);
  });

  it('keeps whatever the server has not confirmed, and the evictions whose photos wait', () => {
    const r = rows();
    r.evictions[1] = { ...r.evictions[1]!, syncState: 'pending' };
    r.evictions[2] = { ...r.evictions[2]!, version: null };
    expect(outOfScope(r, scope, new Set(), ME).evictions).toEqual([]);
    expect(outOfScope(rows(), scope, new Set(['e-old']), ME).evictions).toEqual(['e-dk']);
    const waiting = outOfScope(rows({ photos: [photo('p', 'e-dk', 'queued'), photo('q', 'e-old', 'uploaded')] }), scope, new Set(), ME);
    expect(waiting.evictions).toEqual(['e-old']);
    expect(waiting.photos).toEqual(['q']);
    // The operation and site of a kept eviction stay with it.
    expect(waiting.operations).toEqual(['o-old']);
    expect(waiting.sites).toEqual([]);
  });

  it('keeps the observer\'s own rejected evictions, whatever their age, and only theirs', () => {
    const r = rows();
    r.evictions[1] = { ...r.evictions[1]!, status: 'rejected', rejectionReason: 'Heure à vérifier', createdById: ME };
    expect(outOfScope(r, scope, new Set(), ME).evictions).toEqual(['e-dk']);
    expect(outOfScope(r, scope, new Set(), 'other').evictions.sort()).toEqual(['e-dk', 'e-old']);
  });

  it('counts the window in Paris days: 23:30 UTC on the day before is already that day in Paris', () => {
    const r = rows({ evictions: [eviction('e-edge', 'o-today', 's-calais', '2026-11-19T23:30:00Z')] });
    expect(outOfScope(r, scope, new Set(), ME).evictions).toEqual([]);
  });

  it('a new area or window is a new scope (the phone pulls again from the start)', () => {
    expect(scopeKey(scope)).toBe(scopeKey({ ...scope, since: '2026-11-21' }));
    expect(scopeKey(scope)).not.toBe(scopeKey({ ...scope, prefillDays: 30 }));
    expect(scopeKey({ ...scope, areaIds: [DUNKIRK, CALAIS] })).toBe(scopeKey({ ...scope, areaIds: [CALAIS, DUNKIRK] }));
    // Seeing others' unverified records or not: a phone that held them pulls again and drops them.
    expect(scopeKey(scope)).not.toBe(scopeKey({ ...scope, unverified: 'all' }));
  });

  it('deletes an eviction the server says is gone (another\'s, now hidden), with its incidents, unless an edit waits', () => {
    const r = rows();
    const drop = outOfScope(r, scope, new Set(), ME, new Set(['e-today', 'e-old']));
    expect(drop.evictions.sort()).toEqual(['e-dk', 'e-old', 'e-today']);
    expect(drop.incidents).toEqual(['i-old']);
    expect(outOfScope(r, scope, new Set(['e-today']), ME, new Set(['e-today'])).evictions.sort()).toEqual(['e-dk', 'e-old']);
  });

  it('keeps a sent incident outside an eviction while its photo waits, then lets both go', () => {
    const outside = { id: 'i-out', record: {} as never, evictionId: null, version: 1, syncState: 'synced' as const, error: null, updatedAt: '' };
    const shot = (state: PhotoEntry['state']): PhotoEntry => ({ ...photo('p-out', '', state), evictionId: null, incidentId: 'i-out' });
    const waiting = outOfScope(rows({ incidents: [outside], photos: [shot('queued')] }), scope, new Set(), ME);
    expect(waiting.incidents).toEqual([]);
    expect(waiting.photos).toEqual([]);
    const sent = outOfScope(rows({ incidents: [outside], photos: [shot('uploaded')] }), scope, new Set(), ME);
    expect(sent.incidents).toEqual(['i-out']);
    expect(sent.photos).toEqual(['p-out']);
  });
});
