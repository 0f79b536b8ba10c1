import type { Count } from '@vigie/domain';

/**
 * Reading and writing the cells of an eviction spreadsheet: counts ("au moins 12", "≥12",
 * "12+", "~12"), French or ISO dates, times ("6h30", "06:30") and Europe/Paris instants.
 * Pure functions: the import checks and the export both use them, so an export re-imports.
 */
export type CellResult<T> = { ok: true; value: T } | { ok: false; code: string };

const UNKNOWN = new Set(['', '?', '-', '–', 'nc', 'n/c', 'na', 'n/a', 'nr', 'inconnu', 'unknown', 'ns']);
const AT_LEAST_BEFORE = /^(?:au\s+moins|at\s+least|min(?:imum)?\.?|plus\s+de|more\s+than|over|environ|approx(?:\.|imativement|imately)?|about|around|ca\.?|>=|≥|>|~|≈|±)\s*/i;
const AT_LEAST_AFTER = /\s*(?:\+|et\s+plus|ou\s+plus|or\s+more|and\s+more|min(?:imum)?\.?|au\s+moins)$/i;
const EXACT_BEFORE = /^(?:exactement|exactly|exact|=)\s*/i;

/** Empty or unknown → null; "au moins 12" → {12, atLeast}; "12" → exact unless the import says otherwise. */
export function parseCount(raw: string, defaultAtLeast: boolean): CellResult<Count | null> {
  let s = raw.trim().replace(/[\u00a0\u202f]/g, ' ');
  if (UNKNOWN.has(s.toLowerCase())) return { ok: true, value: null };
  let atLeast = defaultAtLeast;
  if (EXACT_BEFORE.test(s)) { s = s.replace(EXACT_BEFORE, ''); atLeast = false; }
  else if (AT_LEAST_BEFORE.test(s)) { s = s.replace(AT_LEAST_BEFORE, ''); atLeast = true; }
  else if (AT_LEAST_AFTER.test(s)) { s = s.replace(AT_LEAST_AFTER, ''); atLeast = true; }
  s = s.replace(/(\d)[ .](?=\d{3}\b)/g, '$1').replace(/[,.]0+$/, '').trim();
  if (!/^-?\d+$/.test(s)) return { ok: false, code: 'bad_count' };
  const n = Number(s);
  if (n < 0) return { ok: false, code: 'negative_count' };
  if (n > 100_000) return { ok: false, code: 'bad_count' };
  return { ok: true, value: { n, atLeast } };
}

export function formatCountCell(c: Count | null): string {
  if (!c) return '';
  return c.atLeast ? `au moins ${c.n}` : String(c.n);
}

export const DATE_FORMATS = ['DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY-MM-DD'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

function validDate(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d || y < 1990 || y > 2200) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A calendar day as 'YYYY-MM-DD'. ISO dates are always understood; others follow `format`. */
export function parseDate(raw: string, format: DateFormat): CellResult<string> {
  const s = raw.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(s);
  if (iso) {
    const v = validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return v ? { ok: true, value: v } : { ok: false, code: 'bad_date' };
  }
  const parts = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$/.exec(s);
  if (!parts || format === 'YYYY-MM-DD') return { ok: false, code: s ? 'bad_date' : 'missing_date' };
  const [a, b] = [Number(parts[1]), Number(parts[2])];
  const y = parts[3]!.length === 2 ? 2000 + Number(parts[3]) : Number(parts[3]);
  const v = format === 'DD/MM/YYYY' ? validDate(y, b, a) : validDate(y, a, b);
  return v ? { ok: true, value: v } : { ok: false, code: 'bad_date' };
}

export function formatDateCell(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** "6h30", "06:30", "6:30:00", "6h" → '06:30'; empty → null. */
export function parseTime(raw: string): CellResult<string | null> {
  const s = raw.trim().toLowerCase();
  if (UNKNOWN.has(s)) return { ok: true, value: null };
  const m = /^(\d{1,2})\s*(?:[:h]\s*(\d{2})?(?::\d{2})?)?$/.exec(s);
  if (!m) return { ok: false, code: 'bad_time' };
  const h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  if (h > 23 || min > 59) return { ok: false, code: 'bad_time' };
  return { ok: true, value: `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}` };
}

const PARIS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

function parisWallClock(utcMs: number): number {
  const p = Object.fromEntries(PARIS.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

/** The instant of a wall-clock date and time in Europe/Paris, as an ISO string (UTC). */
export function parisInstant(isoDate: string, time: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, h, min);
  let utc = wall - (parisWallClock(wall) - wall);
  const drift = parisWallClock(utc) - wall;
  if (drift !== 0) utc -= drift;
  return new Date(utc).toISOString();
}

/** 'HH:MM' of an instant in Europe/Paris. */
export function parisTime(instant: Date): string {
  const p = Object.fromEntries(PARIS.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.hour}:${p.minute}`;
}

/** Lower case, no accents, punctuation as spaces: how headers and names are compared. */
export function normalise(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

const YES = new Set(['oui', 'yes', 'o', 'y', 'vrai', 'true', '1', 'x']);
const NO = new Set(['non', 'no', 'n', 'faux', 'false', '0']);
export function parseYesNo(raw: string): CellResult<boolean | null> {
  const s = normalise(raw);
  if (UNKNOWN.has(s)) return { ok: true, value: null };
  if (YES.has(s)) return { ok: true, value: true };
  if (NO.has(s)) return { ok: true, value: false };
  return { ok: false, code: 'bad_value' };
}

const COVERAGE: Record<string, 'full' | 'partial' | 'reported'> = {
  full: 'full', complete: 'full', complet: 'full', totale: 'full', total: 'full', entiere: 'full', observee: 'full', 'observee entierement': 'full',
  partial: 'partial', partielle: 'partial', partiel: 'partial', 'observee en partie': 'partial', partly: 'partial',
  reported: 'reported', rapportee: 'reported', signalee: 'reported', 'rapportee par d autres': 'reported', 'reported by others': 'reported',
};
export const COVERAGE_LABEL_FR = { full: 'complète', partial: 'partielle', reported: 'rapportée' } as const;

export function parseCoverage(raw: string): CellResult<'full' | 'partial' | 'reported'> {
  const s = normalise(raw);
  if (!s) return { ok: true, value: 'full' };
  const v = COVERAGE[s];
  return v ? { ok: true, value: v } : { ok: false, code: 'bad_value' };
}
