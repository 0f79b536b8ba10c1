import { sql, type RawBuilder } from 'kysely';
import type { Trx } from '../../../platform/db/database.js';
import { COVERAGE_LABEL_FR } from './transfer.cells.js';
import type { FieldDef } from './transfer.columns.js';
import type { ExportFilters } from './transfer.queries.js';

/**
 * The CSV export's lines, written by PostgreSQL: one text per eviction, cells already formatted,
 * neutralised and quoted, joined by ';'. Building 40 cells per row in Node cost ≈ 30 s of CPU
 * per million rows (row parsing, a string per cell, csv-stringify); PostgreSQL does the same
 * in a few seconds and Node only joins lines (see docs/PERFORMANCE.md, "Export"). The XLSX
 * export keeps its typed cells (`cellMaker` in export.service.ts); the two must agree cell for
 * cell, which transfer.test.ts checks.
 */

/** `'` before a leading = + - @ tab or CR, as platform/csv/formula.ts `neutralise` does. */
const neutralised = (v: RawBuilder<string | null>) => sql<string | null>`(CASE WHEN ${v} ~ '^[=+\\-@\\t\\r]' THEN '''' || ${v} ELSE ${v} END)`;

/** Quoted when it holds ';', '"', CR or LF, quotes doubled: what csv-stringify writes. Empty for NULL. */
const quoted = (v: RawBuilder<string | null>) => sql<string>`coalesce(CASE WHEN ${v} ~ '[;"\\r\\n]' THEN '"' || replace(${v}, '"', '""') || '"' ELSE ${v} END, '')`;

const textCell = (v: RawBuilder<string | null>) => quoted(neutralised(v));

/** "au moins N" when the count is a minimum, "N" when exact, empty when unknown (formatCountCell). */
function countCell(column: string): RawBuilder<string> {
  const n = sql.ref(`e.${column}`);
  return sql<string>`(CASE WHEN ${n} IS NULL THEN '' WHEN ${sql.ref(`e.${column}_at_least`)} THEN 'au moins ' || ${n} ELSE ${n}::text END)`;
}

const coverageCell = sql<string>`(CASE e.coverage ${sql.join(Object.entries(COVERAGE_LABEL_FR).map(([k, label]) => sql`WHEN ${k} THEN ${label}`), sql` `)} END)`;

/** Each base column's cell, by field key; counts follow the field name (personsEvicted → persons_evicted). */
const BASE_CELLS: Record<string, RawBuilder<string>> = {
  date: sql`to_char(e.date, 'DD/MM/YYYY')`,
  arrivedTime: sql`to_char(e.arrived_at AT TIME ZONE 'Europe/Paris', 'HH24:MI')`,
  leftTime: sql`coalesce(to_char(e.left_at AT TIME ZONE 'Europe/Paris', 'HH24:MI'), '')`,
  area: sql`ac.cell`,
  commune: sql`sc.commune`, siteCode: sql`sc.code`, siteName: sql`sc.name`,
  coverage: coverageCell,
  legalBasisText: textCell(sql`e.legal_basis_text`), legalBasisCategory: textCell(sql`e.legal_basis_category`),
};

/** The export's filters on the given columns (the tallies carry their eviction's date and status). */
function conditions(f: ExportFilters, date: string, status: string, area?: string): RawBuilder<unknown> {
  const c: RawBuilder<unknown>[] = [sql`true`];
  if (f.status !== 'all') c.push(sql`${sql.ref(status)} = ${f.status}`);
  if (f.from) c.push(sql`${sql.ref(date)} >= ${f.from}`);
  if (f.to) c.push(sql`${sql.ref(date)} <= ${f.to}`);
  if (f.area && area) c.push(sql`${sql.ref(area)} = ${f.area}`);
  return sql.join(c, sql` AND `);
}

/** Cells joined by ';' (concat_ws takes at most 100 arguments: an organisation may list more items). */
function joined(cells: RawBuilder<string>[]): RawBuilder<string> {
  if (cells.length <= 90) return sql<string>`concat_ws(';', ${sql.join(cells)})`;
  const chunks: RawBuilder<string>[] = [];
  for (let i = 0; i < cells.length; i += 90) chunks.push(joined(cells.slice(i, i + 90)));
  return joined(chunks);
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function linesQuery(f: ExportFilters, fields: FieldDef[]) {
  const tallyFields = fields.filter((fd) => !fd.count && !BASE_CELLS[fd.key]);
  const cells = fields.flatMap((fd) => {
    if (fd.count) return [countCell(snake(fd.count))];
    return BASE_CELLS[fd.key] ? [BASE_CELLS[fd.key]!] : [];
  });
  // The item columns: one per term, pivoted per eviction in one pass over its tallies (a whole's
  // cell is the whole less its parts, as the XLSX and the import read it). Each tally gets its
  // column's position once, from a small hashed list, so the pivot compares integers: 17 filters
  // of two text comparisons each per tally were most of the export's time in PostgreSQL.
  if (tallyFields.length) {
    const positions = tallyFields.map((fd, i) => {
      const [kind, term] = fd.key.split('.') as [string, string];
      return sql`(${kind}, ${term}, ${sql.lit(i)})`;
    });
    const pivot = tallyFields.map((_, i) => sql<string>`coalesce(max(t.cell) FILTER (WHERE t.pos = ${sql.lit(i)}), '')`);
    cells.push(sql<string>`coalesce(tl.cells, ${';'.repeat(tallyFields.length - 1)})`);
    const tallies = sql`SELECT t.eviction_id, ${joined(pivot)} AS cells
      FROM (SELECT t.eviction_id, c.pos,
                   CASE WHEN t.at_least THEN 'au moins ' ELSE '' END || (t.n - coalesce(p.n, 0)) AS cell
            FROM eviction_tallies t
            JOIN (VALUES ${sql.join(positions)}) c (kind, term, pos) ON c.kind = t.kind AND c.term = t.term
            LEFT JOIN (SELECT eviction_id, kind, part_of, sum(n) AS n FROM eviction_tallies WHERE part_of IS NOT NULL GROUP BY 1, 2, 3) p
              ON p.eviction_id = t.eviction_id AND p.kind = t.kind AND p.part_of = t.term
            WHERE t.eviction_live AND ${conditions(f, 't.eviction_date', 't.eviction_status')}) t
      GROUP BY t.eviction_id`;
    return lines(f, cells, sql`LEFT JOIN (${tallies}) tl ON tl.eviction_id = e.id`);
  }
  return lines(f, cells, sql``);
}

function lines(f: ExportFilters, cells: RawBuilder<string>[], talliesJoin: RawBuilder<unknown>) {
  // A site's and an area's cells are made once (MATERIALIZED keeps PostgreSQL from re-making them per eviction).
  return sql<{ line: string }>`WITH sc AS MATERIALIZED (
      SELECT id, ${textCell(sql`commune_insee`)} AS commune, ${textCell(sql`code`)} AS code, ${textCell(sql`name`)} AS name FROM sites),
    ac AS MATERIALIZED (SELECT id, code, ${textCell(sql`code`)} AS cell FROM areas)
    SELECT ${joined(cells)} AS line
    FROM evictions e
    JOIN sc ON sc.id = e.site_id
    JOIN operations o ON o.id = e.operation_id
    JOIN ac ON ac.id = o.area_id
    ${talliesJoin}
    WHERE e.deleted_at IS NULL AND e.merged_into IS NULL AND ${conditions(f, 'e.date', 'e.status', 'ac.code')}
    ORDER BY e.arrived_at, e.id`;
}

/**
 * Hands the export's CSV lines to `each`, batch by batch, from a server-side cursor (one query,
 * one sort, never more than `batch` lines in memory; `each` may wait for a slow client).
 */
export async function forEachExportLines(trx: Trx, f: ExportFilters, fields: FieldDef[], batch: number, each: (lines: string[]) => Promise<void>) {
  // Hash joins only: with stale statistics (a big import a moment ago; PGlite never gathers any)
  // the planner once nested the tallies' aggregate under each eviction — 5,000 rows took 90 s.
  await sql`SELECT set_config('cursor_tuple_fraction', '1', true), set_config('jit', 'off', true), set_config('work_mem', '64MB', true),
    set_config('enable_nestloop', 'off', true)`.execute(trx);
  await sql`DECLARE eviction_export_lines NO SCROLL CURSOR FOR ${linesQuery(f, fields)}`.execute(trx);
  for (;;) {
    const { rows } = await sql<{ line: string }>`FETCH ${sql.lit(batch)} FROM eviction_export_lines`.execute(trx);
    if (rows.length) await each(rows.map((r) => r.line));
    if (rows.length < batch) break;
  }
  await sql`CLOSE eviction_export_lines`.execute(trx);
}
