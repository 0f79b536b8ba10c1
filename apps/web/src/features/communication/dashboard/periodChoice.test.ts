import { describe, expect, it } from 'vitest';
import { checkRange, modeOf, monthPeriod, quarterPeriod, yearPeriod, yearsOffered } from './periodChoice';
import { filterFromQuery, forcePresenceOf, toQuery, withForceCombination, withForcePresence } from './period';

describe('dashboard periods', () => {
  it('name any past month, quarter or year', () => {
    expect(monthPeriod(2024, 4)).toEqual({ from: '2024-04-01', to: '2024-04-30' });
    expect(monthPeriod(2024, 2)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(quarterPeriod(2023, 4)).toEqual({ from: '2023-10-01', to: '2023-12-31' });
    expect(yearPeriod(2019)).toEqual({ from: '2019-01-01', to: '2019-12-31' });
    expect(yearsOffered('2026-12-03')[0]).toBe(2026);
    expect(yearsOffered('2026-12-03')).toContain(2010);
  });
  it('open a shared link on the right picker', () => {
    expect(modeOf('2024-04-01', '2024-04-30', false)).toBe('month');
    expect(modeOf('2024-04-01', '2024-06-30', false)).toBe('quarter');
    expect(modeOf('2024-01-01', '2024-12-31', false)).toBe('year');
    expect(modeOf('2024-04-03', '2024-04-30', false)).toBe('custom');
    expect(modeOf('2024-04-01', '2024-04-30', true)).toBe('preset');
  });
  it('wait for a whole valid range, saying what is wrong', () => {
    expect(checkRange('2024-04-01', '2024-04-30', '2026-12-03')).toEqual([]);
    expect(checkRange('2024-04-30', '2024-04-01', '2026-12-03')).toEqual([{ field: 'to', problem: 'endBeforeStart' }]);
    expect(checkRange('0024-04-01', '2024-04-30', '2026-12-03')).toEqual([{ field: 'from', problem: 'twoDigitYear' }]);
    expect(checkRange('0202-04-01', '2024-04-30', '2026-12-03')).toEqual([{ field: 'from', problem: 'tooEarly' }]);
    expect(checkRange('', '2024-04-30', '2026-12-03')).toEqual([{ field: 'from', problem: 'missing' }]);
    expect(checkRange('2024-04-01', '2027-01-01', '2026-12-03')).toEqual([{ field: 'to', problem: 'future' }]);
  });
});

describe('dashboard force filter', () => {
  const base = { from: '2025-06-01', to: '2025-06-30' };
  it('sets a corps present or absent and keeps it in the address', () => {
    const f = withForcePresence(withForcePresence(withForcePresence(base, 'pn', 'present'), 'bac', 'present'), 'crs', 'absent');
    expect(toQuery(f)).toBe('from=2025-06-01&to=2025-06-30&forcePresent=pn%2Cbac&forceAbsent=crs');
    expect(filterFromQuery({ from: base.from, to: base.to, forcePresent: 'pn,bac', forceAbsent: 'crs' })).toEqual(f);
    expect(forcePresenceOf(f, 'crs')).toBe('absent');
    expect(forcePresenceOf(withForcePresence(f, 'crs', 'present'), 'crs')).toBe('present');
    expect(toQuery(withForcePresence(withForcePresence(withForcePresence(f, 'pn', 'any'), 'bac', 'any'), 'crs', 'any'))).toBe('from=2025-06-01&to=2025-06-30');
  });

  it('folds an old single-corps link into the lists', () => {
    const old = { ...base, forceCorps: 'crs' };
    expect(forcePresenceOf(old, 'crs')).toBe('present');
    expect(withForcePresence(old, 'pn', 'absent')).toEqual({ ...base, forcePresent: 'crs', forceAbsent: 'pn' });
  });

  it('narrows to exactly one combination of forces', () => {
    expect(withForceCombination(base, ['pn', 'bac'], ['pn', 'bac', 'crs', 'gn'])).toEqual({ ...base, forcePresent: 'pn,bac', forceAbsent: 'crs,gn' });
    expect(withForceCombination(base, [], ['pn', 'crs'])).toEqual({ ...base, forceAbsent: 'pn,crs' });
  });
});
