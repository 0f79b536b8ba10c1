import { parisDate, periodShape } from '@vigie/domain/rules';

/**
 * The dashboard's named periods (a month, a quarter, a year of any past time) and the check of a
 * typed custom range. Pure, so that the rules can be tested without a browser.
 */
export type PeriodMode = 'preset' | 'month' | 'quarter' | 'year' | 'custom';

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function monthPeriod(year: number, month: number): { from: string; to: string } {
  return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(lastDay(year, month))}` };
}
export function quarterPeriod(year: number, quarter: number): { from: string; to: string } {
  const first = (quarter - 1) * 3 + 1;
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}` };
}
export function yearPeriod(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The first year offered: observatories on this border have records from the 2010s. */
export const FIRST_YEAR = 2010;
export function yearsOffered(today = parisDate(new Date())): number[] {
  const current = Number(today.slice(0, 4));
  return Array.from({ length: current - FIRST_YEAR + 1 }, (_, i) => current - i);
}

/** Which picker fits a period already in the address (a shared link opens on its own picker). */
export function modeOf(from: string, to: string, isPreset: boolean): PeriodMode {
  if (isPreset) return 'preset';
  const shape = periodShape(from, to);
  return shape.kind === 'range' ? 'custom' : shape.kind;
}

export type RangeProblem = { field: 'from' | 'to'; problem: 'missing' | 'format' | 'twoDigitYear' | 'tooEarly' | 'future' | 'endBeforeStart' };

/**
 * What is wrong with a typed range, field by field; empty when it can be applied. A browser's
 * date field can hand over "0024-04-01" while someone is still typing a year: that is said,
 * never sent to the server.
 */
export function checkRange(from: string, to: string, today = parisDate(new Date())): RangeProblem[] {
  const problems: RangeProblem[] = [];
  const one = (field: 'from' | 'to', v: string) => {
    if (!v) return problems.push({ field, problem: 'missing' });
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (!m || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) return problems.push({ field, problem: 'format' });
    const year = Number(m[1]);
    if (year < 100) return problems.push({ field, problem: 'twoDigitYear' });
    if (year < FIRST_YEAR - 10) return problems.push({ field, problem: 'tooEarly' });
    if (v > today) return problems.push({ field, problem: 'future' });
    return 0;
  };
  one('from', from);
  one('to', to);
  if (problems.length === 0 && to < from) problems.push({ field: 'to', problem: 'endBeforeStart' });
  return problems;
}
