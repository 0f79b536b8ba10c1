import { PublishedSpan, sumOf, type SparseVector } from './disclosure.js';

/**
 * Small-count suppression of a two-way table (places × periods) with its margins, shared by
 * research releases and — at merge — the public figures page: one rule, one function.
 *
 * Primary: a non-zero count below k is hidden. Secondary: more non-zero cells (or margins) are hidden
 * until no hidden cell can be recomputed from what remains — checked exactly with the
 * linear-algebra engine of `disclosure.ts`, not with the "two per line" rule of thumb, which
 * misses patterns such as two hidden rectangles joined by one cell.
 */
export type CountTable = { rows: string[]; columns: string[]; cells: number[][] };

export type Cell = { row: number; column: number };
/** A published value, or null where it is hidden. */
export type SuppressedTable = {
  rows: string[];
  columns: string[];
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
  primary: Cell[];
  secondary: Cell[];
  /** Hidden margins (secondary suppression may have to hide a total). */
  hiddenRowTotals: number[];
  hiddenColumnTotals: number[];
};

export const DEFAULT_K = 5;
export const MIN_K = 2;

export function isPrimarySuppressed(value: number, k: number): boolean {
  return value > 0 && value < k;
}

/** The base-cell vectors of a table's parts: cell (i,j) is base cell i*C+j. */
export function tableVectors(rowCount: number, columnCount: number) {
  const id = (i: number, j: number) => i * columnCount + j;
  const range = (n: number) => Array.from({ length: n }, (_, x) => x);
  return {
    cell: (i: number, j: number) => sumOf([id(i, j)]),
    rowTotal: (i: number) => sumOf(range(columnCount).map((j) => id(i, j))),
    columnTotal: (j: number) => sumOf(range(rowCount).map((i) => id(i, j))),
    total: () => sumOf(range(rowCount * columnCount)),
  };
}

type Entry = { kind: 'cell'; i: number; j: number } | { kind: 'row'; i: number } | { kind: 'column'; j: number } | { kind: 'total' };

export function suppressTable(table: CountTable, k: number = DEFAULT_K, extraPublished: SparseVector[] = []): SuppressedTable {
  if (!Number.isInteger(k) || k < MIN_K) throw new Error(`k must be an integer ≥ ${MIN_K}`);
  const R = table.rows.length;
  const C = table.columns.length;
  const value = (e: Entry): number => {
    switch (e.kind) {
      case 'cell': return table.cells[e.i]![e.j]!;
      case 'row': return table.cells[e.i]!.reduce((a, b) => a + b, 0);
      case 'column': return table.cells.reduce((a, r) => a + r[e.j]!, 0);
      case 'total': return table.cells.flat().reduce((a, b) => a + b, 0);
    }
  };
  const v = tableVectors(R, C);
  const vector = (e: Entry): SparseVector =>
    e.kind === 'cell' ? v.cell(e.i, e.j) : e.kind === 'row' ? v.rowTotal(e.i) : e.kind === 'column' ? v.columnTotal(e.j) : v.total();

  const hidden = new Set<string>();
  const keyOf = (e: Entry) => (e.kind === 'cell' ? `c${e.i},${e.j}` : e.kind === 'row' ? `r${e.i}` : e.kind === 'column' ? `k${e.j}` : 't');
  const primary: Cell[] = [];
  for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) {
    if (isPrimarySuppressed(table.cells[i]![j]!, k)) { hidden.add(keyOf({ kind: 'cell', i, j })); primary.push({ row: i, column: j }); }
  }
  const secondary: Cell[] = [];
  const all: Entry[] = [];
  for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) all.push({ kind: 'cell', i, j });
  for (let i = 0; i < R; i++) all.push({ kind: 'row', i });
  for (let j = 0; j < C; j++) all.push({ kind: 'column', j });
  if (R * C > 0) all.push({ kind: 'total' });

  const baseId = (i: number, j: number) => i * C + j;
  // Hiding more only shrinks what is published, so a hidden cell found safe stays safe: each pass
  // re-examines only the cells still recoverable in the last one, and the ones it just hid.
  let toCheck: Entry[] = all.filter((e) => e.kind === 'cell' && hidden.has(keyOf(e)));
  for (let guard = 0; guard <= all.length; guard++) {
    // Published cells are known outright, so only the hidden cells are unknowns: each published
    // margin (and outside figure) is projected on them, and a hidden cell can be recomputed exactly
    // when its unit vector lies in the span of those projections. (The span over every cell gave
    // the same answers but cost seconds per pass on a release of thirteen thousand cells.)
    const coordinate = new Map<number, number>();
    for (const e of all) if (e.kind === 'cell' && hidden.has(keyOf(e))) coordinate.set(baseId(e.i, e.j), coordinate.size);
    const project = (v: SparseVector): SparseVector => {
      const out: SparseVector = new Map();
      for (const [b, x] of v) { const h = coordinate.get(b); if (h !== undefined) out.set(h, x); }
      return out;
    };
    const span = new PublishedSpan();
    for (const p of extraPublished) span.add(project(p));
    all.forEach((e, id) => { if (e.kind !== 'cell' && !hidden.has(keyOf(e))) span.add(project(vector(e)), id); });
    // Only cells are protected: a hidden margin that can be recomputed reveals nothing hidden.
    // Every exposed cell gets one more entry hidden in the same pass (the span is rebuilt once per pass).
    const batch = new Map<string, Entry>();
    const recoverable: Entry[] = [];
    for (const e of toCheck) {
      if (e.kind !== 'cell') continue;
      const margins = span.derivation(sumOf([coordinate.get(baseId(e.i, e.j))!]));
      if (!margins) continue;
      recoverable.push(e);
      // The derivation subtracts the published cells of the margins it uses: those cells are used too.
      const net = new Map<string, { cell: Entry; coefficient: number }>();
      for (const [id, alpha] of margins) {
        // A margin's vector lists its cells by base id (i·C + j).
        for (const b of vector(all[id]!).keys()) {
          const cell: Entry = { kind: 'cell', i: Math.floor(b / C), j: b % C };
          const k = keyOf(cell);
          if (hidden.has(k)) continue;
          const n = net.get(k) ?? net.set(k, { cell, coefficient: 0 }).get(k)!;
          n.coefficient += alpha;
        }
      }
      const usedCells = [...net.values()].filter((n) => Math.abs(n.coefficient) >= 1e-9).map((n) => n.cell);
      const used = [...[...margins.keys()].map((id) => all[id]!), ...usedCells];
      // A zero cell is never hidden: an empty cell is taken as known (a reader may assume it), so
      // hiding it would protect nothing — the differencing check makes the same assumption.
      const candidates = used.filter((c) => c.kind !== 'cell' || value(c) > 0);
      if (candidates.length === 0) continue; // derived from outside figures alone: nothing here can hide it
      if (candidates.some((c) => batch.has(keyOf(c)))) continue; // this pass already breaks that derivation
      // Hide the smallest entry the derivation uses (cells before margins).
      candidates.sort((a, b) => (a.kind === 'cell' ? 0 : 1) - (b.kind === 'cell' ? 0 : 1) || value(a) - value(b));
      batch.set(keyOf(candidates[0]!), candidates[0]!);
    }
    if (batch.size === 0) break;
    for (const [k, pick] of batch) {
      hidden.add(k);
      if (pick.kind === 'cell') secondary.push({ row: pick.i, column: pick.j });
    }
    toCheck = [...recoverable, ...[...batch.values()].filter((e) => e.kind === 'cell')];
  }

  const shown = (e: Entry) => (hidden.has(keyOf(e)) ? null : value(e));
  return {
    rows: table.rows,
    columns: table.columns,
    cells: table.cells.map((r, i) => r.map((_, j) => shown({ kind: 'cell', i, j }))),
    rowTotals: table.rows.map((_, i) => shown({ kind: 'row', i })),
    columnTotals: table.columns.map((_, j) => shown({ kind: 'column', j })),
    total: R * C > 0 ? shown({ kind: 'total' }) : 0,
    primary,
    secondary,
    hiddenRowTotals: table.rows.map((_, i) => i).filter((i) => hidden.has(`r${i}`)),
    hiddenColumnTotals: table.columns.map((_, j) => j).filter((j) => hidden.has(`k${j}`)),
  };
}

/** The vectors of everything a suppressed table publishes, in its own base cells. */
export function publishedVectors(t: SuppressedTable): SparseVector[] {
  const v = tableVectors(t.rows.length, t.columns.length);
  const out: SparseVector[] = [];
  t.cells.forEach((r, i) => r.forEach((x, j) => { if (x !== null) out.push(v.cell(i, j)); }));
  t.rowTotals.forEach((x, i) => { if (x !== null) out.push(v.rowTotal(i)); });
  t.columnTotals.forEach((x, j) => { if (x !== null) out.push(v.columnTotal(j)); });
  if (t.total !== null && t.rows.length * t.columns.length > 0) out.push(v.total());
  return out;
}
