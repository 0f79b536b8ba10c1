import { describe, expect, it } from 'vitest';
import type { ForcePresence } from '@vigie/domain/rules';
import { ageBracketOf, checkIncident, minorOf, newIncident, nextVictim, typeKindOf, unitChoices, withKind } from './incident-rules';

const NOW = new Date('2026-11-22T06:30:00.000Z');
const ID = '00000000-0000-4000-8000-000000000001';
const EV = '00000000-0000-4000-8000-000000000002';

describe('incident rules', () => {
  it('a new incident is timed now and cannot be sent before its type is chosen', () => {
    const i = newIncident(ID, EV, 'violence', NOW);
    expect(i).toMatchObject({ id: ID, evictionId: EV, kind: 'violence', occurredAt: NOW.toISOString(), victims: [], unit: null });
    expect(checkIncident(i, NOW)).toEqual([{ field: 'incidentType', problem: 'required' }]);
    expect(checkIncident({ ...i, incidentType: 'tear_gas' }, NOW)).toEqual([]);
  });

  it('refuses a time in the future, beyond a minute of clock difference', () => {
    const i = { ...newIncident(ID, EV, 'violence', NOW), incidentType: 'baton' };
    expect(checkIncident({ ...i, occurredAt: new Date(NOW.getTime() + 30_000).toISOString() }, NOW)).toEqual([]);
    expect(checkIncident({ ...i, occurredAt: new Date(NOW.getTime() + 10 * 60_000).toISOString() }, NOW)).toEqual([{ field: 'occurredAt', problem: 'in_future' }]);
    expect(checkIncident({ ...i, occurredAt: 'not a time' }, NOW)).toEqual([{ field: 'occurredAt', problem: 'required' }]);
  });

  it('every victim needs a pseudonym', () => {
    const i = { ...newIncident(ID, EV, 'violence', NOW), incidentType: 'baton', victims: [{ id: ID, pseudonym: '  ', minor: null }] };
    expect(checkIncident(i, NOW)).toEqual([{ field: 'victims.0.pseudonym', problem: 'required' }]);
  });

  it('switching between violence and obstruction empties the type, whose list differs', () => {
    const i = { ...newIncident(ID, EV, 'violence', NOW), incidentType: 'tear_gas' };
    expect(withKind(i, 'obstruction')).toMatchObject({ kind: 'obstruction', incidentType: '' });
    expect(withKind(i, 'violence')).toBe(i);
    expect(typeKindOf('violence')).toBe('incident_type');
    expect(typeKindOf('obstruction')).toBe('obstruction_type');
  });

  it('numbers default pseudonyms without reusing one', () => {
    expect(nextVictim('a', [], 'Personne').pseudonym).toBe('Personne 1');
    expect(nextVictim('c', [{ id: 'a', pseudonym: 'Personne 2', minor: null }], 'Personne').pseudonym).toBe('Personne 3');
  });

  it('maps the age bracket to the minor flag and back', () => {
    for (const b of ['minor', 'adult', 'unknown'] as const) expect(ageBracketOf(minorOf(b))).toBe(b);
    expect(minorOf('unknown')).toBeNull();
  });

  it('offers the units of the eviction’s forces, or their corps, once each', () => {
    const force = (corps: string, unit: string | null): ForcePresence => ({ corps, unit, vehicles: [], officers: null, weapons: [] });
    const label = (c: string) => c.toUpperCase();
    expect(unitChoices([force('crs', 'CRS 36'), force('gm', null), force('crs', ' CRS 36 '), force('pn', '')], label)).toEqual(['CRS 36', 'GM', 'PN']);
  });
});
