import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeDeadline, deadlineState, parseCalendarDate } from '../src/modules/legal/deadlines/compute-deadline.js';
import { easterSunday, frenchHolidays } from '../src/modules/legal/deadlines/french-holidays.js';

const months = (amount: number, extendsToWorkingDay = false) => ({ amount, unit: 'months' as const, effect: 'expires' as const, extendsToWorkingDay });
const days = (amount: number, extendsToWorkingDay = false) => ({ amount, unit: 'days' as const, effect: 'expires' as const, extendsToWorkingDay });
const years = (amount: number) => ({ amount, unit: 'years' as const, effect: 'expires' as const, extendsToWorkingDay: false });

describe('deadline computation', () => {
  it('keeps the day of the month for month deadlines (annulment action, 2 months)', () => {
    expect(computeDeadline(months(2), '2026-03-15').dueOn).toBe('2026-05-15');
  });

  it('ends on the last day of a shorter month: 31 December + 2 months is 28 February, or 29 in a leap year', () => {
    expect(computeDeadline(months(2), '2026-12-31').dueOn).toBe('2027-02-28');
    expect(computeDeadline(months(2), '2027-12-31').dueOn).toBe('2028-02-29');
    expect(computeDeadline(months(1), '2026-01-31').dueOn).toBe('2026-02-28');
    expect(computeDeadline(months(1), '2026-08-31').dueOn).toBe('2026-09-30');
    expect(computeDeadline(months(3), '2025-11-30').dueOn).toBe('2026-02-28');
  });

  it('takes 29 February to 28 February in a non-leap year and keeps it in a leap year', () => {
    expect(computeDeadline(years(1), '2028-02-29').dueOn).toBe('2029-02-28');
    expect(computeDeadline(years(4), '2028-02-29').dueOn).toBe('2032-02-29');
    expect(computeDeadline(years(6), '2024-02-29').dueOn).toBe('2030-02-28');
    expect(computeDeadline(months(12), '2024-02-29').dueOn).toBe('2025-02-28');
  });

  it('counts days from the day after the trigger (fine contested within 45 days)', () => {
    expect(computeDeadline(days(45), '2026-01-10').dueOn).toBe('2026-02-24');
    expect(computeDeadline(days(45), '2027-12-31').dueOn).toBe('2028-02-14');
  });

  it('extends a deadline ending on a weekend to the Monday, only when the rule says so', () => {
    // 2026-01-15 + 45 days = Sunday 1 March 2026.
    expect(computeDeadline(days(45), '2026-01-15')).toEqual({ dueOn: '2026-03-01', unextendedDueOn: null });
    expect(computeDeadline(days(45, true), '2026-01-15')).toEqual({ dueOn: '2026-03-02', unextendedDueOn: '2026-03-01' });
    // Saturday 28 February 2026 goes to Monday 2 March.
    expect(computeDeadline(months(2, true), '2025-12-28')).toEqual({ dueOn: '2026-03-02', unextendedDueOn: '2026-02-28' });
  });

  it('extends past public holidays, including Easter Monday and a holiday next to a weekend', () => {
    // 14 July 2026 is a Tuesday; 14 May + 2 months lands on it.
    expect(computeDeadline(months(2, true), '2026-05-14')).toEqual({ dueOn: '2026-07-15', unextendedDueOn: '2026-07-14' });
    // Easter 2026 is 5 April: Saturday 4, Sunday 5 and Monday 6 April are all non-working.
    expect(computeDeadline(months(2, true), '2026-02-04')).toEqual({ dueOn: '2026-04-07', unextendedDueOn: '2026-04-04' });
    // 25 December 2027 is a Saturday: 25, 26 (Sunday) then Monday 27.
    expect(computeDeadline(months(2, true), '2027-10-25')).toEqual({ dueOn: '2027-12-27', unextendedDueOn: '2027-12-25' });
    // A working day is left alone.
    expect(computeDeadline(months(2, true), '2026-03-16')).toEqual({ dueOn: '2026-05-18', unextendedDueOn: '2026-05-16' });
    expect(computeDeadline(months(2, true), '2026-03-12')).toEqual({ dueOn: '2026-05-12', unextendedDueOn: null });
  });

  it('never extends a date that opens a possibility (complaint with civil-party status after 3 months)', () => {
    const opens = { amount: 3, unit: 'months' as const, effect: 'opens' as const, extendsToWorkingDay: true };
    expect(computeDeadline(opens, '2026-02-28')).toEqual({ dueOn: '2026-05-28', unextendedDueOn: null });
    expect(computeDeadline(opens, '2026-02-01')).toEqual({ dueOn: '2026-05-01', unextendedDueOn: null });
  });

  it('knows Easter and the holidays that move with it', () => {
    expect([2024, 2025, 2026, 2027, 2038].map((y) => easterSunday(y).toDateString())).toEqual([
      new Date(2024, 2, 31).toDateString(), new Date(2025, 3, 20).toDateString(), new Date(2026, 3, 5).toDateString(),
      new Date(2027, 2, 28).toDateString(), new Date(2038, 3, 25).toDateString(),
    ]);
    const h2026 = frenchHolidays(2026);
    expect(h2026.size).toBe(11);
    for (const d of ['2026-04-06', '2026-05-14', '2026-05-25', '2026-05-08', '2026-11-11']) expect(h2026.has(d)).toBe(true);
  });

  it('flags a date already past as "échéance dépassée" unless done', () => {
    expect(deadlineState('2026-03-01', false, '2026-03-02')).toBe('past');
    expect(deadlineState('2026-03-02', false, '2026-03-02')).toBe('upcoming');
    expect(deadlineState('2026-03-01', true, '2026-03-02')).toBe('done');
  });

  it('refuses what is not a calendar date', () => {
    expect(() => parseCalendarDate('2026-02-30')).toThrow(RangeError);
    expect(() => parseCalendarDate('')).toThrow(RangeError);
  });

  it('always lands on a working day, never before the raw date, and at most 4 days after it (property)', () => {
    const start = new Date(2000, 0, 1).getTime();
    fc.assert(fc.property(fc.integer({ min: 0, max: 365 * 60 }), fc.integer({ min: 1, max: 90 }), fc.constantFrom('days', 'months'),
      (offset, amount, unit) => {
        const trigger = new Date(start + offset * 86_400_000 + 12 * 3_600_000).toISOString().slice(0, 10);
        const rule = { amount, unit: unit as 'days' | 'months', effect: 'expires' as const, extendsToWorkingDay: true };
        const { dueOn, unextendedDueOn } = computeDeadline(rule, trigger);
        const due = parseCalendarDate(dueOn);
        expect([0, 6]).not.toContain(due.getDay());
        expect(frenchHolidays(due.getFullYear()).has(dueOn)).toBe(false);
        const raw = unextendedDueOn ?? dueOn;
        expect(raw <= dueOn).toBe(true);
        expect((due.getTime() - parseCalendarDate(raw).getTime()) / 86_400_000).toBeLessThanOrEqual(4);
      }), { numRuns: 300 });
  });
});
