import { describe, expect, it } from 'vitest';
import { MAX_INTERNSHIP_HOURS_PER_SCHOOL_YEAR, organisationInternCap, plannedHours } from './internships.js';

describe('interns under French law', () => {
  it('caps an organisation at 3 interns under 20 staff, else 15 % of the headcount rounded up (C. éduc. R124-10)', () => {
    expect([0, 1, 10, 19].map(organisationInternCap)).toEqual([3, 3, 3, 3]);
    // 20 × 15 % = 3 exactly; 21 → 3.15 → 4; 26 → 3.9 → 4; 27 → 4.05 → 5; 40 → 6; 100 → 15; 101 → 15.15 → 16.
    expect([20, 21, 26, 27, 40, 100, 101, 140].map(organisationInternCap)).toEqual([3, 4, 4, 5, 6, 15, 16, 21]);
    // Every headcount: the smallest whole number of interns at or above 15 % of it.
    const wrong: number[] = [];
    for (let h = 20; h <= 5000; h += 1) {
      const cap = organisationInternCap(h);
      if (cap * 100 < h * 15 || (cap - 1) * 100 >= h * 15) wrong.push(h);
    }
    expect(wrong).toEqual([]);
  });

  it('puts six months of presence at 924 hours: 22 days of 7 hours make a month (C. éduc. L124-5, D124-6)', () => {
    expect(MAX_INTERNSHIP_HOURS_PER_SCHOOL_YEAR).toBe(6 * 22 * 7);
    // Six calendar months full time stay within it; a seventh month does not.
    expect(plannedHours('2027-01-04', '2027-07-02', 35)).toBeLessThanOrEqual(MAX_INTERNSHIP_HOURS_PER_SCHOOL_YEAR);
    expect(plannedHours('2027-01-04', '2027-07-30', 35)).toBeGreaterThan(MAX_INTERNSHIP_HOURS_PER_SCHOOL_YEAR);
  });
});
