import { createHmac } from 'node:crypto';
import {
  METRICS, coarsenDay, suppressTable, type AtomContext, type Disclosure, type ProfileDefinition, type Quantity, type SuppressedTable,
} from '@vigie/domain';
import type { ReleaseBaseCell } from '../statistics/statistics.release-cells.js';

/**
 * From the finest cells (site × day) to what a release publishes: places and periods coarsened
 * by the profile, sites replaced by per-agreement pseudonyms, every count summed, then one
 * suppression pattern (from the domain's `suppressTable`) applied to all counts. Also describes
 * what was published and hidden as sums of site|day cells, for the differencing check.
 */
export type ReleaseCell = { place: string; placeLabel: string; period: string; values: Record<string, number | null>; atLeast: Record<string, boolean>; suppressed: boolean };
export type ReleaseMargin = { kind: 'place' | 'period' | 'all'; key: string; values: Record<string, number | null> };
export type ReleaseTable = {
  cells: ReleaseCell[]; margins: ReleaseMargin[]; suppressedCells: number; secondaryCells: number; disclosure: Disclosure; k: number;
  places: number; periods: number;
  /** For the differencing check's atoms: evictions per base cell, and a readable name for a set of them. */
  atoms: AtomContext;
};

/** The column (or count) behind each releasable measure: read from the metric table itself. */
export function measureColumn(code: string): string {
  const metric = METRICS.find((m) => m.code === code);
  if (!metric) throw new Error(`unknown metric ${code}`);
  if (metric.source.kind === 'evictions') return 'evictions';
  if (metric.source.kind === 'column') return metric.source.column;
  throw new Error(`metric ${code} cannot be released`);
}

/** A keyed hash: the same site gets a different code under each agreement, so releases cannot be joined. */
export function sitePseudonym(key: Buffer, siteId: string): string {
  return `S-${createHmac('sha256', key).update(siteId).digest('hex').slice(0, 10).toUpperCase()}`;
}

export function pseudonymKey(serverKey: Buffer, agreementId: string, salt: string): Buffer {
  return createHmac('sha256', serverKey).update(`vigie/research-pseudonym/v1\n${agreementId}\n${salt}`).digest();
}

export function buildReleaseTable(base: ReleaseBaseCell[], profile: ProfileDefinition, pseudonymKeyBytes: Buffer): ReleaseTable {
  const pseudonyms = new Map<string, string>();
  const placeOf = (c: ReleaseBaseCell) => {
    switch (profile.placeLevel) {
      case 'site': return { key: pseudonyms.get(c.site_id) ?? pseudonyms.set(c.site_id, sitePseudonym(pseudonymKeyBytes, c.site_id)).get(c.site_id)!, label: '' };
      case 'commune': return { key: c.commune_insee, label: c.commune_name ?? '' };
      case 'area': return { key: c.area_code, label: c.area_code };
    }
  };
  // Ten years are 3,650 days but a million evictions: coarsen each day once.
  const periodOfDay = new Map<string, string>();
  const periodOf = (day: string) => periodOfDay.get(day) ?? periodOfDay.set(day, coarsenDay(day, profile.dateLevel)).get(day)!;
  // One key string per base cell, shared by the cell, its margins and the total (half a million
  // cells would otherwise be four times as many strings).
  const keyOfCell = new Map<ReleaseBaseCell, string>();
  for (const c of base) keyOfCell.set(c, `${c.site_id}|${c.day}`);
  const places = new Map<string, string>();
  const periods = new Set<string>();
  const bucket = new Map<string, ReleaseBaseCell[]>();
  for (const c of base) {
    const p = placeOf(c);
    const period = periodOf(c.day);
    places.set(p.key, p.label);
    periods.add(period);
    const k = `${p.key}\u0000${period}`;
    (bucket.get(k) ?? bucket.set(k, []).get(k)!).push(c);
  }
  const rows = [...places.keys()].sort();
  const columns = [...periods].sort();
  const columnsOf = profile.measures.map((m) => ({ code: m, column: measureColumn(m) }));
  const sum = (cells: ReleaseBaseCell[], column: string) => cells.reduce((a, c) => a + Number((c as Record<string, unknown>)[column] ?? 0), 0);
  const at = (i: number, j: number) => bucket.get(`${rows[i]}\u0000${columns[j]}`) ?? [];

  // The pattern is decided on the smallest non-zero count of a cell: a cell of 7 evictions and 3 people is small.
  const smallest = rows.map((_, i) => columns.map((_, j) => {
    const values = columnsOf.map(({ column }) => sum(at(i, j), column)).filter((v) => v > 0);
    return values.length ? Math.min(...values) : 0;
  }));
  const pattern: SuppressedTable = suppressTable({ rows, columns, cells: smallest }, profile.k);

  const cells: ReleaseCell[] = [];
  const published: Quantity[] = [];
  const hidden: Quantity[] = [];
  const baseKeys = (cs: ReleaseBaseCell[]) => cs.map((c) => keyOfCell.get(c)!);
  rows.forEach((place, i) => columns.forEach((period, j) => {
    const cs = at(i, j);
    const suppressed = pattern.cells[i]![j] === null;
    const values: Record<string, number | null> = {};
    const atLeast: Record<string, boolean> = {};
    for (const { code, column } of columnsOf) {
      values[code] = suppressed ? null : sum(cs, column);
      atLeast[code] = code !== 'evictions' && cs.some((c) => (c as Record<string, unknown>)[`${column}_at_least`] === true);
    }
    cells.push({ place, placeLabel: places.get(place) ?? '', period, values, atLeast, suppressed });
    (suppressed ? hidden : published).push({ label: `${place} ${period}`, cells: baseKeys(cs) });
  }));

  const margins: ReleaseMargin[] = [];
  const marginValues = (cs: ReleaseBaseCell[], shown: boolean) => Object.fromEntries(columnsOf.map(({ code, column }) => [code, shown ? sum(cs, column) : null]));
  rows.forEach((place, i) => {
    const cs = columns.flatMap((_, j) => at(i, j));
    const shown = pattern.rowTotals[i] !== null;
    margins.push({ kind: 'place', key: place, values: marginValues(cs, shown) });
    (shown ? published : hidden).push({ label: `${place} total`, cells: baseKeys(cs) });
  });
  columns.forEach((period, j) => {
    const cs = rows.flatMap((_, i) => at(i, j));
    const shown = pattern.columnTotals[j] !== null;
    margins.push({ kind: 'period', key: period, values: marginValues(cs, shown) });
    (shown ? published : hidden).push({ label: `total ${period}`, cells: baseKeys(cs) });
  });
  const shownTotal = pattern.total !== null;
  margins.push({ kind: 'all', key: 'total', values: marginValues(base, shownTotal) });
  if (base.length) (shownTotal ? published : hidden).push({ label: 'total', cells: baseKeys(base) });

  const where = new Map<string, { label: string; day: string; evictions: number }>();
  for (const c of base) {
    where.set(keyOfCell.get(c)!, { label: `${placeOf(c).key} ${periodOf(c.day)}`, day: c.day, evictions: c.evictions });
  }
  const atoms: AtomContext = {
    k: profile.k,
    count: (cell) => where.get(cell)?.evictions ?? 0,
    describe: (cells) => {
      const found = cells.map((c) => where.get(c)).filter((x) => x !== undefined);
      const labels = [...new Set(found.map((x) => x.label))].sort().join(', ');
      const days = found.map((x) => x.day).sort();
      return `${labels} (${days[0]} → ${days[days.length - 1]})`;
    },
  };

  // Hidden margins are not protected quantities (only cells are): keep only hidden cells as "hidden".
  const hiddenCells = hidden.filter((q) => !q.label.includes('total'));
  return {
    cells, margins, suppressedCells: pattern.primary.length + pattern.secondary.length, secondaryCells: pattern.secondary.length,
    disclosure: { published, hidden: hiddenCells }, k: profile.k, places: rows.length, periods: columns.length, atoms,
  };
}

/**
 * What the public figures page shows of the same data, as the recipient could read it: evictions
 * per commune and per area and month, where at or above the page's threshold. (The security issue
 * moves the page to fixed periods; this description follows that shape.)
 */
export function publicPageDisclosure(base: ReleaseBaseCell[], threshold: number): Disclosure {
  const groups = new Map<string, string[]>();
  for (const c of base) {
    const month = c.day.slice(0, 7);
    for (const key of [`commune ${c.commune_insee} ${month}`, `area ${c.area_code} ${month}`]) {
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(`${c.site_id}|${c.day}`);
    }
  }
  const counts = new Map<string, number>();
  for (const c of base) {
    const month = c.day.slice(0, 7);
    for (const key of [`commune ${c.commune_insee} ${month}`, `area ${c.area_code} ${month}`]) counts.set(key, (counts.get(key) ?? 0) + c.evictions);
  }
  const published: Quantity[] = [];
  for (const [label, cells] of groups) if ((counts.get(label) ?? 0) >= threshold) published.push({ label: `public page: ${label}`, cells });
  return { published, hidden: [] };
}
