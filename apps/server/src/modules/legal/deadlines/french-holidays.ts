import { addDays, format } from 'date-fns';

/**
 * French public holidays (jours fériés, art. L3133-1 du code du travail) of a year, as
 * yyyy-MM-dd. Three of them move with Easter, which no date library computes, so Easter Sunday
 * comes from the Gregorian computus (Meeus/Jones/Butcher), checked against known years in tests.
 * Alsace-Moselle's extra days (Good Friday, 26 December) are not included: the observatories
 * this serves work in the Nord and Pas-de-Calais.
 */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(year, month - 1, day);
}

const cache = new Map<number, Set<string>>();

export function frenchHolidays(year: number): Set<string> {
  const known = cache.get(year);
  if (known) return known;
  const easter = easterSunday(year);
  const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map((md) => `${year}-${md}`);
  const moving = [addDays(easter, 1), addDays(easter, 39), addDays(easter, 50)].map((d) => format(d, 'yyyy-MM-dd'));
  const holidays = new Set([...fixed, ...moving]);
  cache.set(year, holidays);
  return holidays;
}

export function isFrenchHoliday(date: Date): boolean {
  return frenchHolidays(date.getFullYear()).has(format(date, 'yyyy-MM-dd'));
}
