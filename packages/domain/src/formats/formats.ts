/**
 * French and English formats, in one place for the screens and every generated file (PDF,
 * HTML, CSV captions, charts). French typography: decimal comma, narrow no-break space
 * (U+202F) between thousands and before "%", "1er" for the first day of a month, months by
 * name. Dates carry their year unless it is the current one (in Paris), so that a 2024 record
 * read in 2026 never looks like this year's. Only ECMAScript Intl: no DOM, no Node API.
 */
export type FormatLocale = 'fr' | 'en';

const TAG: Record<FormatLocale, string> = { fr: 'fr-FR', en: 'en-GB' };
const PARIS = 'Europe/Paris';
/** Narrow no-break space: French thousands separator and the space before % : ; ! ? */
export const NNBSP = '\u202F';

function loc(locale: string): FormatLocale {
  return locale === 'en' || locale.startsWith('en-') ? 'en' : 'fr';
}

/** A number with up to `maxDecimals` decimals (default 1): "12 345,5" / "12,345.5". */
export function formatQuantity(n: number, locale: string, maxDecimals = 1): string {
  return new Intl.NumberFormat(TAG[loc(locale)], { maximumFractionDigits: maxDecimals }).format(n)
    .replace(/[\u00A0 ]/g, NNBSP);
}

/**
 * A file's size as phones and file managers show it (decimal units): "850 ko", "212,4 Mo",
 * "1,2 Go" / "850 kB", "212.4 MB", "1.2 GB". Under a kilobyte, in bytes ("512 o" / "512 B").
 */
export function formatFileSize(bytes: number, locale: string): string {
  const fr = loc(locale) === 'fr';
  const units = fr ? ['o', 'ko', 'Mo', 'Go'] : ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${formatQuantity(unit === 0 ? value : Math.round(value * 10) / 10, locale, unit === 0 ? 0 : 1)}${fr ? NNBSP : ' '}${units[unit]}`;
}

/** A share given as a ratio 0..1: "26,2 %" (narrow no-break space) / "26.2%". */
export function formatPercent(ratio: number, locale: string, maxDecimals = 1): string {
  const l = loc(locale);
  const n = formatQuantity(Math.round(ratio * 100 * 10 ** maxDecimals) / 10 ** maxDecimals, l, maxDecimals);
  return l === 'fr' ? `${n}${NNBSP}%` : `${n}%`;
}

/** A calendar date "YYYY-MM-DD" stays that day; an instant is read in Paris time. */
function toDate(value: string | Date): { date: Date; timeZone: string } {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return { date: new Date(`${value}T12:00:00Z`), timeZone: 'UTC' };
  }
  return { date: typeof value === 'string' ? new Date(value) : value, timeZone: PARIS };
}

function yearIn(date: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric' }).format(date));
}

/** French writes the first day of a month "1er". */
function firstDay(s: string, l: FormatLocale): string {
  return l === 'fr' ? s.replace(/(^|\s)1(?=\s)/, '$11er') : s;
}

export interface DateOptions {
  /** 'long': "mardi 30 avril 2024"; 'medium': "30 avril 2024"; 'short': "mar. 30 avr. 2024". */
  style?: 'long' | 'medium' | 'short';
  /** Always show the year (generated files read later), or only when not the current one. */
  year?: 'always' | 'auto';
  /** "Now", for the current year; defaults to the clock. */
  now?: Date;
}

/** A date with its year unless it is the current one: "mardi 30 avril 2024", "30 April". */
export function formatDate(value: string | Date, locale: string, options: DateOptions = {}): string {
  const l = loc(locale);
  const { date, timeZone } = toDate(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const style = options.style ?? 'medium';
  const withYear = options.year === 'always' || yearIn(date, timeZone) !== yearIn(options.now ?? new Date(), PARIS);
  const fmt: Intl.DateTimeFormatOptions = {
    timeZone,
    day: 'numeric',
    month: style === 'short' ? 'short' : 'long',
    ...(style === 'long' ? { weekday: 'long' } : style === 'short' ? { weekday: 'short' } : {}),
    ...(withYear ? { year: 'numeric' } : {}),
  };
  return firstDay(new Intl.DateTimeFormat(TAG[l], fmt).format(date), l);
}

/** A date and time in Paris: "30 avril 2024 à 14:05" / "30 April 2024 at 14:05". */
export function formatDateTime(value: string | Date, locale: string, options: Omit<DateOptions, 'style'> = {}): string {
  const l = loc(locale);
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const time = new Intl.DateTimeFormat(TAG[l], { timeZone: PARIS, hour: '2-digit', minute: '2-digit' }).format(date);
  return `${formatDate(date, l, { ...options, style: 'medium' })} ${l === 'fr' ? 'à' : 'at'} ${time}`;
}

/** A month "YYYY-MM" by name: "avril 2024" / "April 2024". */
export function formatMonth(month: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return month;
  return new Intl.DateTimeFormat(TAG[loc(locale)], { month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

/** A month name alone: "avril" / "April". */
export function formatMonthName(month: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return month;
  return new Intl.DateTimeFormat(TAG[loc(locale)], { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** What kind of period two calendar dates (inclusive) make: a month, a quarter, a year, or a range. */
export type PeriodShape =
  | { kind: 'month'; year: number; month: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'year'; year: number }
  | { kind: 'range' };

export function periodShape(from: string, to: string): PeriodShape {
  const a = /^(\d{4})-(\d{2})-(\d{2})$/.exec(from);
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(to);
  if (!a || !b || a[3] !== '01') return { kind: 'range' };
  const [y1, m1] = [Number(a[1]), Number(a[2])];
  const [y2, m2, d2] = [Number(b[1]), Number(b[2]), Number(b[3])];
  if (y1 !== y2 || d2 !== lastDayOfMonth(y2, m2)) return { kind: 'range' };
  if (m1 === m2) return { kind: 'month', year: y1, month: m1 };
  if (m1 === 1 && m2 === 12) return { kind: 'year', year: y1 };
  if ((m1 - 1) % 3 === 0 && m2 === m1 + 2) return { kind: 'quarter', year: y1, quarter: (m1 + 2) / 3 };
  return { kind: 'range' };
}

/**
 * A period by its name when it has one — "avril 2024", "1er trimestre 2024", "année 2024" —
 * otherwise "du 3 au 17 avril 2024" / "3–17 April 2024" (years always shown: the label is
 * also written into files read years later).
 */
export function formatPeriod(from: string, to: string, locale: string): string {
  const l = loc(locale);
  const shape = periodShape(from, to);
  if (shape.kind === 'month') return formatMonth(`${shape.year}-${String(shape.month).padStart(2, '0')}`, l);
  if (shape.kind === 'quarter') {
    return l === 'fr' ? `${shape.quarter === 1 ? '1er' : `${shape.quarter}e`} trimestre ${shape.year}` : `Q${shape.quarter} ${shape.year}`;
  }
  if (shape.kind === 'year') return l === 'fr' ? `année ${shape.year}` : `the year ${shape.year}`;
  if (from === to) return formatDate(from, l, { year: 'always' });
  const [start, end] = rangeEnds(from, to, l);
  return l === 'fr' ? `du ${start} au ${end}` : `${start} – ${end}`;
}

/** The two ends of a range, the start without what it shares with the end ("3" … "17 avril 2024"). */
function rangeEnds(from: string, to: string, l: FormatLocale): [string, string] {
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const sameMonth = sameYear && from.slice(5, 7) === to.slice(5, 7);
  const end = formatDate(to, l, { year: 'always' });
  const start = sameMonth ? firstDay(`${Number(from.slice(8, 10))} `, l).trim()
    : formatDate(from, l, sameYear ? { year: 'auto', now: new Date(`${from}T12:00:00Z`) } : { year: 'always' });
  return [start, end];
}

/** The preposition that goes before a period's name: "en avril 2024", "au 1er trimestre 2024", "en 2024". */
export function inPeriod(from: string, to: string, locale: string): string {
  const l = loc(locale);
  const shape = periodShape(from, to);
  if (shape.kind === 'year') return l === 'fr' ? `en ${shape.year}` : `in ${shape.year}`;
  if (shape.kind === 'range') {
    if (from === to) return `${l === 'fr' ? 'le' : 'on'} ${formatDate(from, l, { year: 'always' })}`;
    const [start, end] = rangeEnds(from, to, l);
    return l === 'fr' ? `du ${start} au ${end}` : `from ${start} to ${end}`;
  }
  const name = formatPeriod(from, to, l);
  if (shape.kind === 'quarter') return l === 'fr' ? `au ${name}` : `in ${name}`;
  return l === 'fr' ? `en ${name}` : `in ${name}`;
}

export interface PluralForms { one: string; other: string }

/** The form of a word agreeing with a count: French treats 0 and 1 as singular. */
export function pluralForm(n: number, forms: PluralForms, locale: string): string {
  return new Intl.PluralRules(TAG[loc(locale)]).select(n) === 'one' ? forms.one : forms.other;
}

/** A count and its agreeing noun: "1 nouveau lieu", "3 nouveaux lieux", "1 234 expulsions". */
export function countNoun(n: number, forms: PluralForms, locale: string): string {
  return `${formatQuantity(n, locale, 0)} ${pluralForm(n, forms, locale)}`;
}

/** An area is shown by its name; the code is the fallback for an unnamed one. */
export function areaLabel(area: { code: string; name?: string | null }): string {
  return area.name?.trim() || area.code;
}

/**
 * A file name part from words: "Expulsions par commune — Calaisis — juin 2025" becomes
 * "expulsions-par-commune-calaisis-juin-2025". Accents dropped and only ASCII kept, because
 * mail clients, WordPress and Windows mangle the rest.
 */
export function fileNamePart(words: string): string {
  const slug = words.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.slice(0, 120).replace(/-+$/, '') || 'fichier';
}
