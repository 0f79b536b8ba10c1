import { addDays, addMonths, addYears, format, isValid, isWeekend, parse } from 'date-fns';
import type { DeadlineEffect, DeadlineUnit } from '@vigie/domain';
import { isFrenchHoliday } from './french-holidays.js';

/**
 * The date a deadline rule gives from a trigger date. Dates are calendar dates (yyyy-MM-dd),
 * computed on local midnights and formatted back, so no time zone can shift them by a day.
 *
 * - days: the day of the trigger does not count (art. 641 CPC, art. 801 CPP): N days after.
 * - months and years: the same day-of-month N months later, or the last day of that month
 *   when it has no such day (art. 641 al. 2 CPC): 31 December + 2 months = 28 February, or
 *   29 February in a leap year. date-fns' addMonths/addYears clamp exactly so.
 * - extension: where the rule says so, a date falling on a Saturday, Sunday or French public
 *   holiday moves to the next working day (art. 642 CPC, art. 801 CPP). An 'opens' rule is
 *   never extended: it says when an action becomes possible, not the last day to act.
 */
export type DeadlineRuleTerms = { amount: number; unit: DeadlineUnit; effect: DeadlineEffect; extendsToWorkingDay: boolean };
export type ComputedDeadline = { dueOn: string; unextendedDueOn: string | null };

export function parseCalendarDate(value: string): Date {
  const date = parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1));
  if (!isValid(date)) throw new RangeError(`Not a calendar date: ${value}`);
  return date;
}

export function formatCalendarDate(date: Date): string {
  return format(date, 'yyyy-MM-dd');
}

export function isNonWorkingDay(date: Date): boolean {
  return isWeekend(date) || isFrenchHoliday(date);
}

export function computeDeadline(rule: DeadlineRuleTerms, triggerDate: string): ComputedDeadline {
  const trigger = parseCalendarDate(triggerDate);
  const raw = rule.unit === 'days' ? addDays(trigger, rule.amount)
    : rule.unit === 'months' ? addMonths(trigger, rule.amount)
      : addYears(trigger, rule.amount);
  if (!rule.extendsToWorkingDay || rule.effect !== 'expires') return { dueOn: formatCalendarDate(raw), unextendedDueOn: null };
  let due = raw;
  while (isNonWorkingDay(due)) due = addDays(due, 1);
  return { dueOn: formatCalendarDate(due), unextendedDueOn: due === raw ? null : formatCalendarDate(raw) };
}

/** 'past' is the "échéance dépassée" flag: shown, never hidden, and never blocking the save. */
export function deadlineState(dueOn: string, done: boolean, today: string): 'upcoming' | 'past' | 'done' {
  if (done) return 'done';
  return dueOn < today ? 'past' : 'upcoming';
}
