import { describe, expect, it } from 'vitest';
import { guessCommune } from './commune-guess';
import type { Commune, LocalSite } from '../../../offline/types';

const communes: Commune[] = [
  { inseeCode: '62001', name: 'Alpha', areaId: 'cal' }, { inseeCode: '62193', name: 'Calais', areaId: 'cal' },
  { inseeCode: '62160', name: 'Coquelles', areaId: 'cal' }, { inseeCode: '59271', name: 'Grande-Synthe', areaId: 'dk' },
];
const site = (id: string, communeInsee: string, latitude: number | null = null, longitude: number | null = null, areaId = 'cal'): LocalSite => ({
  id, record: { id, code: id, name: id, aliases: [], areaId, communeInsee, latitude, longitude, active: true, notes: null } as LocalSite['record'],
  version: 1, syncState: 'synced', error: null, updatedAt: '',
});
const sites = [site('a', '62193', 50.95, 1.87), site('b', '62193'), site('c', '62160', 50.93, 1.81), site('d', '59271', 51.01, 2.3, 'dk')];

describe('commune of a site created on the spot', () => {
  it('takes the nearest known site\'s commune from the phone\'s position', () => {
    expect(guessCommune('cal', communes, sites, { latitude: 50.931, longitude: 1.812 })).toBe('62160');
    expect(guessCommune('cal', communes, sites, { latitude: 50.951, longitude: 1.869 })).toBe('62193');
  });
  it('without a position, or far from every site, takes the area\'s usual commune, never the first of the list', () => {
    expect(guessCommune('cal', communes, sites, null)).toBe('62193');
    expect(guessCommune('cal', communes, sites, { latitude: 48.85, longitude: 2.35 })).toBe('62193');
  });
  it('falls back to the area\'s first commune only when it has no site', () => {
    expect(guessCommune('cal', communes, [], null)).toBe('62001');
    expect(guessCommune('none', communes, sites, null)).toBe('');
  });
});
