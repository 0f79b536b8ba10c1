import { describe, expect, it } from 'vitest';
import type { EvictionInput } from '@vigie/domain/rules';
import { emptyCounts } from '@vigie/domain/rules';
import type { LocalSite } from '../../../offline/types';
import { adoptSuggestions, newEviction, searchSites } from './prefill';

const prev: EvictionInput = {
  id: 'p1', operationId: 'o0', siteId: 's1', arrivedAt: '2026-11-20T06:10:00.000Z', leftAt: '2026-11-20T06:50:00.000Z', coverage: 'partial', quick: false,
  counts: { ...emptyCounts(), personsEvicted: { n: 40, atLeast: true }, arrests: { n: 2, atLeast: false } },
  seized: [{ term: 'tent', n: 12, atLeast: true }], destroyed: [], legalBasisText: 'Flagrance (art. 53 CPP)', legalBasisCategory: 'flagrance',
  interpreter: 'absent', bailiff: false, cleaningCompany: true, socialAssessment: false, shelterOffered: true, foodDistribution: null, peopleMovingBack: true,
  forces: [{ corps: 'crs', unit: 'CRS 36', vehicles: [{ type: 'van', n: 4 }], officers: { n: 20, atLeast: true }, weapons: [] }],
  notes: [{ id: '00000000-0000-4000-8000-000000000001', at: '2026-11-20T06:20:00.000Z', text: 'Tentes lacérées' }],
};
const now = new Date('2026-11-22T06:30:00.000Z');

describe('newEviction prefill', () => {
  const { record, suggestions } = newEviction({ id: 'n1', operationId: 'o1', siteId: 's1', now, previousAtSite: prev });

  it('copies forces, legal basis and findings from the site’s previous eviction', () => {
    expect(record.forces).toEqual(prev.forces);
    expect(record.forces).not.toBe(prev.forces);
    expect(record).toMatchObject({ legalBasisText: prev.legalBasisText, legalBasisCategory: 'flagrance', interpreter: 'absent', cleaningCompany: true, shelterOffered: true, peopleMovingBack: true });
  });

  it('starts times, notes, coverage and counts afresh; counts only as suggestions', () => {
    expect(record).toMatchObject({ id: 'n1', operationId: 'o1', arrivedAt: now.toISOString(), leftAt: null, notes: [], coverage: 'full', seized: [] });
    expect(record.counts.personsEvicted).toBeNull();
    expect(suggestions?.counts.personsEvicted).toEqual({ n: 40, atLeast: true });
    expect(suggestions?.seized).toEqual(prev.seized);
  });

  it('prefers the same convoy’s forces when the operation already has an eviction', () => {
    const sameConvoy = { ...prev, forces: [{ corps: 'gm', unit: null, vehicles: [], officers: null, weapons: [] }] };
    expect(newEviction({ id: 'n2', operationId: 'o1', siteId: 's1', now, previousAtSite: prev, previousInOperation: sameConvoy }).record.forces[0]!.corps).toBe('gm');
  });

  it('is blank for a site never evicted before', () => {
    const fresh = newEviction({ id: 'n3', operationId: 'o1', siteId: 's9', now, quick: true });
    expect(fresh.suggestions).toBeNull();
    expect(fresh.record).toMatchObject({ quick: true, forces: [], legalBasisText: null, bailiff: null, interpreter: 'unknown' });
  });

  it('adopting suggestions fills only what the observer left empty', () => {
    const mine = { ...record, counts: { ...record.counts, personsEvicted: { n: 35, atLeast: true } } };
    const adopted = adoptSuggestions(mine, suggestions!);
    expect(adopted.counts.personsEvicted).toEqual({ n: 35, atLeast: true });
    expect(adopted.counts.arrests).toEqual({ n: 2, atLeast: false });
    expect(adopted.seized).toEqual(prev.seized);
  });
});

describe('searchSites', () => {
  const site = (id: string, code: string, name: string, aliases: string[] = [], areaId = 'calais'): LocalSite => ({
    id, record: { id, code, name, aliases, areaId, communeInsee: '62193', latitude: null, longitude: null, active: true, notes: null },
    version: 1, syncState: 'synced', error: null, updatedAt: '',
  });
  const sites = [site('1', 'B2', 'Bois Dubrulle'), site('2', 'B21', 'Hôpital', ['Hospital']), site('3', 'BMX', 'Piste BMX'), site('4', 'GS', 'Grande-Synthe', [], 'dunkerque')];
  const last = new Map([['3', '2026-11-21T06:00:00Z'], ['1', '2026-11-18T06:00:00Z']]);

  it('lists the area’s sites, most recently evicted first, when nothing is typed', () => {
    expect(searchSites(sites, '', last, 'calais').map((s) => s.record.code)).toEqual(['BMX', 'B2', 'B21']);
  });

  it('puts the exact code first, then code prefixes, then names and aliases (accents ignored)', () => {
    expect(searchSites(sites, 'b2', last).map((s) => s.record.code)).toEqual(['B2', 'B21']);
    expect(searchSites(sites, 'hopital', last).map((s) => s.record.code)).toEqual(['B21']);
    expect(searchSites(sites, 'hospital', last).map((s) => s.record.code)).toEqual(['B21']);
  });
});
