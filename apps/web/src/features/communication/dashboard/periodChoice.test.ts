import { describe, expect, it } from 'vitest';
import { checkRange, modeOf, monthPeriod, quarterPeriod, yearPeriod, yearsOffered } from './periodChoice';

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
