import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, addWeeks, addYears, differenceInCalendarDays, endOfMonth, format, lastDayOfMonth, startOfWeek, subDays, subYears } from 'date-fns';
import type { Bucket } from './statistics.queries.js';

/**
 * Calendar arithmetic on Europe/Paris days ('YYYY-MM-DD', both ends inclusive). Days are held
 * as TZDate in Paris so that date-fns never shifts them through the server's own time zone.
 */
const PARIS = 'Europe/Paris';

export function parisDay(day: string): TZDate {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, PARIS);
}
const ymd = (d: Date) => format(d, 'yyyy-MM-dd');

export function daysInPeriod(from: string, to: string): number {
  return differenceInCalendarDays(parisDay(to), parisDay(from)) + 1;
}

/** Real hours between the first midnight and the last (a spring-forward day has 23). */
export function hoursInPeriod(from: string, to: string): number {
  return (addDays(parisDay(to), 1).getTime() - parisDay(from).getTime()) / 3_600_000;
}

function isWholeMonths(from: string, to: string): boolean {
  const f = parisDay(from);
  const t = parisDay(to);
  return f.getDate() === 1 && t.getDate() === lastDayOfMonth(t).getDate();
}

/**
 * The period just before: the previous calendar month(s) when the period is whole months
 * (February after March), else as many days ending the day before.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  if (isWholeMonths(from, to)) {
    const f = parisDay(from);
    const months = (parisDay(to).getFullYear() - f.getFullYear()) * 12 + parisDay(to).getMonth() - f.getMonth() + 1;
    const start = addMonths(f, -months);
    return { from: ymd(start), to: ymd(subDays(f, 1)) };
  }
  const days = daysInPeriod(from, to);
  return { from: ymd(subDays(parisDay(from), days)), to: ymd(subDays(parisDay(from), 1)) };
}

/** The same period a year before (a month ending on 29 February maps to the 28th). */
export function yearBefore(from: string, to: string): { from: string; to: string } {
  const start = subYears(parisDay(from), 1);
  const end = isWholeMonths(from, to) ? endOfMonth(subYears(parisDay(to), 1)) : subYears(parisDay(to), 1);
  return { from: ymd(start), to: ymd(end) };
}

/** Every bucket key the period touches, so that empty periods show as zero rather than vanish. */
export function bucketKeys(from: string, to: string, bucket: Bucket): string[] {
  const keys: string[] = [];
  const last = parisDay(to);
  const step = { day: (d: Date) => addDays(d, 1), week: (d: Date) => addWeeks(d, 1), month: (d: Date) => addMonths(d, 1), year: (d: Date) => addYears(d, 1) }[bucket];
  const pattern = { day: 'yyyy-MM-dd', week: 'yyyy-MM-dd', month: 'yyyy-MM', year: 'yyyy' }[bucket];
  let d: Date = parisDay(from);
  if (bucket === 'week') d = startOfWeek(d, { weekStartsOn: 1 });
  if (bucket === 'month') d = new TZDate(d.getFullYear(), d.getMonth(), 1, PARIS);
  if (bucket === 'year') d = new TZDate(d.getFullYear(), 0, 1, PARIS);
  while (d.getTime() <= last.getTime()) {
    keys.push(format(d, pattern));
    d = step(d);
  }
  return keys;
}

/** The days of one bucket that fall inside the period (a partial first or last month). */
export function bucketPeriod(key: string, bucket: Bucket, from: string, to: string): { from: string; to: string } {
  let start: Date;
  let end: Date;
  if (bucket === 'day') { start = parisDay(key); end = start; }
  else if (bucket === 'week') { start = parisDay(key); end = addDays(start, 6); }
  else if (bucket === 'month') { start = parisDay(`${key}-01`); end = lastDayOfMonth(start); }
  else { start = parisDay(`${key}-01-01`); end = parisDay(`${key}-12-31`); }
  const s = ymd(start) < from ? from : ymd(start);
  const e = ymd(end) > to ? to : ymd(end);
  return { from: s, to: e };
}
