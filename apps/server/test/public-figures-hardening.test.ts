import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicCsv } from '../src/modules/communication/statistics/public-statistics.page.js';
import { defaultPublicPeriod, isFixedPublicPeriod, type PublicStatistics } from '../src/modules/communication/statistics/public-statistics.service.js';

/** Public figures: fixed periods only (no subtracting overlapping ranges), and a CSV that runs no formula. */
describe('public figures', () => {
  it('accepts whole months, calendar quarters and calendar years only', () => {
    expect(isFixedPublicPeriod('2024-03-01', '2024-03-31')).toBe(true);
    expect(isFixedPublicPeriod('2024-02-01', '2024-02-29')).toBe(true);
    expect(isFixedPublicPeriod('2024-04-01', '2024-06-30')).toBe(true);
    expect(isFixedPublicPeriod('2024-01-01', '2024-12-31')).toBe(true);
    expect(isFixedPublicPeriod('2024-01-02', '2024-03-31')).toBe(false);
    expect(isFixedPublicPeriod('2024-02-01', '2024-04-30')).toBe(false);
    expect(isFixedPublicPeriod('2024-03-01', '2024-03-30')).toBe(false);
    expect(isFixedPublicPeriod('2024-02-01', '2025-01-31')).toBe(false);
    expect(isFixedPublicPeriod('2024-01-01', '2024-02-29')).toBe(false);
  });

  it('accepts nothing but whole months, aligned quarters and calendar years, and the default period is one of them', () => {
    const day = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(fc.property(day, day, (from, to) => {
      if (!isFixedPublicPeriod(from, to)) return;
      // Accepted: starts on a 1st, ends on a month's last day, and spans 1, 3 (aligned) or 12 (January) months.
      expect(from.endsWith('-01')).toBe(true);
      const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
      expect([1, 3, 12]).toContain(months);
    }));
    fc.assert(fc.property(fc.date({ min: new Date('2021-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z'), noInvalidDate: true }), (now) => {
      const p = defaultPublicPeriod(now);
      expect(isFixedPublicPeriod(p.from, p.to)).toBe(true);
    }));
  });

  it('neutralises area names and labels against spreadsheet formulas in the public CSV', () => {
    const stats = {
      organisation: 'HRO', from: '2024-03-01', to: '2024-03-31', area: null, threshold: 5, generatedAt: '2024-04-01T00:00:00Z',
      figures: [], byMonth: [],
      byArea: [{ area: '=HYPERLINK("http://evil.example","Calais")', value: 12, atLeast: false, belowThreshold: false, display: '12' }],
    } as unknown as PublicStatistics;
    const csv = publicCsv(stats, 'en');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Calais"")"`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});
