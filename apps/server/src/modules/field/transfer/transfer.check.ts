import { randomUUID } from 'node:crypto';
import {
  checkEviction, evictionInputSchema, nestSeparateParts, outsideAreas, parseCoordinate, siteInputSchema, type PlacedSite, sumCounts, type Count, type EvictionInput, type OperationInput, type SiteInput, type Tally,
} from '@vigie/domain';
import { allFields, BASE_FIELDS, type TermRef } from './transfer.columns.js';
import {
  normalise, parisInstant, parseCount, parseCoverage, parseDate, parseTime, type DateFormat,
} from './transfer.cells.js';

/**
 * The checks of an import, row by row, and what it would create: the same plan serves the
 * dry run (reported, nothing written) and the commit (written only if no row has a problem).
 * Historical rows are grouped into one operation per day and area: a convoy's morning is
 * what HRO calls an operation, and spreadsheets list one row per site evicted.
 */
export type ImportOptions = {
  defaultAtLeast: boolean; dateFormat: DateFormat; areaCode: string | null; createUnknownSites: boolean; markVerified: boolean;
  /** Used when a row has no arrival time (older spreadsheets often have only the day). */
  defaultTime: string;
  /** Set by the person who commits a file already imported once, knowing it (checked at commit only). */
  confirmSameFile?: boolean;
};
export type ImportTable = { headers: string[]; rows: string[][]; lines: number[] };
export type Reference = {
  areas: Array<{ id: string; code: string; name: string }>;
  communes: Array<{ insee_code: string; name: string; area_id: string }>;
  sites: Array<{
    id: string; code: string; name: string; aliases: string[]; area_id: string;
    latitude: number | null; longitude: number | null; active: boolean; merged_into: string | null;
  }>;
  terms: TermRef[];
};
/** Row 0 is a problem of the mapping or options rather than of one row. */
export type RowProblem = { row: number; field: string; column: string | null; code: string; value: string };
/** `warning`: its position lies outside the organisation's areas (said in the dry run, never refused). */
export type PlannedSite = { row: number; input: SiteInput; warning: 'outside_area' | null };
export type PlannedOperation = { row: number; input: OperationInput };
export type PlannedEviction = { row: number; input: EvictionInput };
export type ImportTotals = { evictions: number; distinctSites: number; counts: Record<string, Count>; tallies: Record<string, Count> };
export type ImportPlan = {
  rows: number; rowsOk: number; rowsWithProblems: number; problems: RowProblem[];
  sites: PlannedSite[]; operations: PlannedOperation[]; evictions: PlannedEviction[]; totals: ImportTotals;
};

const FIELD_OF: Record<string, string> = { arrivedAt: 'arrivedTime', leftAt: 'leftTime' };

function siteCodeFrom(name: string, used: Set<string>): string {
  const base = normalise(name).toUpperCase().replace(/ /g, '-').slice(0, 16) || 'SITE';
  let code = base;
  for (let i = 2; used.has(code); i += 1) code = `${base}-${i}`;
  return code;
}

function totalsOf(evictions: PlannedEviction[]): ImportTotals {
  const counts: Record<string, Count> = {};
  for (const f of BASE_FIELDS) if (f.count) counts[f.key] = sumCounts(evictions.map((e) => e.input.counts[f.count!]));
  const byTerm = new Map<string, Tally[]>();
  for (const e of evictions) {
    for (const [kind, list] of [['seized', e.input.seized], ['destroyed', e.input.destroyed]] as const) {
      for (const t of list) byTerm.set(`${kind}.${t.term}`, [...(byTerm.get(`${kind}.${t.term}`) ?? []), t]);
    }
  }
  const tallies = Object.fromEntries([...byTerm].sort().map(([k, list]) => [k, sumCounts(list)]));
  return { evictions: evictions.length, distinctSites: new Set(evictions.map((e) => e.input.siteId)).size, counts, tallies };
}

function emptyPlan(rows: number, problems: RowProblem[]): ImportPlan {
  return { rows, rowsOk: 0, rowsWithProblems: rows, problems, sites: [], operations: [], evictions: [], totals: totalsOf([]) };
}

export function planImport(table: ImportTable, mapping: Record<string, string | null>, options: ImportOptions, ref: Reference, now: Date): ImportPlan {
  const fields = new Set(allFields(ref.terms).map((f) => f.key));
  const global: RowProblem[] = [];
  const col: Record<string, number> = {};
  for (const [key, header] of Object.entries(mapping)) {
    if (header === null || header === '') continue;
    const tally = key.startsWith('seized.') || key.startsWith('destroyed.');
    if (!fields.has(key)) { global.push({ row: 0, field: key, column: header, code: tally ? 'unknown_item_type' : 'unknown_field', value: key }); continue; }
    const i = table.headers.indexOf(header);
    if (i < 0) global.push({ row: 0, field: key, column: header, code: 'unknown_column', value: header });
    else col[key] = i;
  }
  if (col.date === undefined) global.push({ row: 0, field: 'date', column: null, code: 'missing_column', value: '' });
  if (col.siteCode === undefined && col.siteName === undefined) global.push({ row: 0, field: 'siteName', column: null, code: 'missing_column', value: '' });
  const areaBy = new Map(ref.areas.flatMap((a) => [[normalise(a.code), a], [normalise(a.name), a]] as const));
  const optionArea = options.areaCode ? areaBy.get(normalise(options.areaCode)) : undefined;
  if (options.areaCode && !optionArea) global.push({ row: 0, field: 'area', column: null, code: 'unknown_area', value: options.areaCode });
  if (global.length) return emptyPlan(table.rows.length, global);

  const areaById = new Map(ref.areas.map((a) => [a.id, a]));
  const partsOf = (kind: string) => new Map(ref.terms.filter((t) => t.kind === kind && t.part_of).map((t) => [t.code, t.part_of!] as const));
  const partOf = { item_type: partsOf('item_type'), structure_type: partsOf('structure_type') };
  const communeBy = new Map(ref.communes.flatMap((c) => [[c.insee_code, c], [normalise(c.name), c]] as const));
  // A merged site's code or name stands for the site it was merged into; the kept sites' names win.
  const siteById = new Map(ref.sites.map((s) => [s.id, s]));
  const kept = (s: Reference['sites'][number]) => (s.merged_into ? siteById.get(s.merged_into) ?? s : s);
  const siteByCode = new Map<string, { id: string; area_id: string }>(ref.sites.map((s) => [s.code.toUpperCase(), kept(s)]));
  const byMerged = (s: Reference['sites'][number]) => (s.merged_into ? 1 : 0);
  const siteByName = new Map<string, { id: string; area_id: string }>([...ref.sites].sort((a, b) => byMerged(b) - byMerged(a))
    .flatMap((s) => [s.name, ...s.aliases].map((n) => [normalise(n), kept(s)] as const)));
  const placed: PlacedSite[] = ref.sites.map((s) => ({ id: s.id, areaId: s.area_id, latitude: s.latitude, longitude: s.longitude, active: s.active, mergedInto: s.merged_into }));
  const categories = new Map(ref.terms.filter((t) => t.kind === 'legal_basis_category')
    .flatMap((t) => [t.code, t.label_fr, t.label_en].map((n) => [normalise(n), t.code] as const)));
  const usedCodes = new Set(siteByCode.keys());
  const tallyKeys = Object.keys(col).filter((k) => k.includes('.'));
  const sites: PlannedSite[] = [];
  const operations = new Map<string, PlannedOperation>();
  const evictions: PlannedEviction[] = [];
  const problems: RowProblem[] = [];
  let rowsWithProblems = 0;

  table.rows.forEach((cells, i) => {
    const row = table.lines[i] ?? i + 2;
    const cell = (key: string) => (col[key] === undefined ? '' : (cells[col[key]!] ?? '').trim());
    const mine: RowProblem[] = [];
    const add = (field: string, code: string, value = cell(field)) => mine.push({ row, field, column: mapping[field] ?? null, code, value });

    const date = parseDate(cell('date'), options.dateFormat);
    if (!date.ok) add('date', date.code);
    const arrived = parseTime(cell('arrivedTime'));
    if (!arrived.ok) add('arrivedTime', arrived.code);
    const left = parseTime(cell('leftTime'));
    if (!left.ok) add('leftTime', left.code);
    const counts: Record<string, Count | null> = {};
    for (const f of BASE_FIELDS) {
      if (!f.count) continue;
      const c = parseCount(cell(f.key), options.defaultAtLeast);
      if (c.ok) counts[f.count] = c.value; else add(f.key, c.code);
    }
    const seized: Tally[] = [];
    const destroyed: Tally[] = [];
    for (const key of tallyKeys) {
      const c = parseCount(cell(key), options.defaultAtLeast);
      if (!c.ok) add(key, c.code);
      else if (c.value) (key.startsWith('seized.') ? seized : destroyed).push({ term: key.slice(key.indexOf('.') + 1), ...c.value });
    }
    const coverage = parseCoverage(cell('coverage'));
    if (!coverage.ok) add('coverage', coverage.code);
    const categoryCell = cell('legalBasisCategory');
    const category = categoryCell ? categories.get(normalise(categoryCell)) ?? null : null;
    if (categoryCell && !category) add('legalBasisCategory', 'unknown_term');

    const areaCell = cell('area');
    let area = areaCell ? areaBy.get(normalise(areaCell)) : optionArea;
    if (areaCell && !area) add('area', 'unknown_area');
    const codeCell = cell('siteCode');
    const nameCell = cell('siteName');
    const latitude = parseCoordinate(cell('latitude'), 'latitude');
    const longitude = parseCoordinate(cell('longitude'), 'longitude');
    if (!latitude.ok) add('latitude', latitude.code);
    if (!longitude.ok) add('longitude', longitude.code);
    const position = latitude.ok && longitude.ok && latitude.value !== null && longitude.value !== null ? { latitude: latitude.value, longitude: longitude.value } : null;
    if (latitude.ok && longitude.ok && (latitude.value === null) !== (longitude.value === null)) add(latitude.value === null ? 'latitude' : 'longitude', 'incomplete_position');
    let siteId: string | undefined;
    const known = (codeCell && siteByCode.get(codeCell.toUpperCase())) || (nameCell && (siteByName.get(normalise(nameCell)) ?? siteByCode.get(nameCell.toUpperCase())));
    if (!codeCell && !nameCell) add('siteName', 'missing_site');
    else if (known) {
      siteId = known.id;
      area ??= areaById.get(known.area_id);
    } else if (!options.createUnknownSites) {
      add(codeCell ? 'siteCode' : 'siteName', 'unknown_site');
    } else if (area) {
      const communeCell = cell('commune');
      const commune = communeBy.get(communeCell) ?? communeBy.get(normalise(communeCell));
      if (!communeCell) add('commune', 'missing_commune');
      else if (!commune) add('commune', 'unknown_commune');
      else {
        const code = codeCell ? codeCell.toUpperCase() : siteCodeFrom(nameCell, usedCodes);
        const site = siteInputSchema.safeParse({ id: randomUUID(), code, name: nameCell || codeCell, areaId: area.id, communeInsee: commune.insee_code, ...position });
        if (!site.success) add(codeCell ? 'siteCode' : 'siteName', 'invalid');
        else {
          const warning = position && outsideAreas(position, area.id, placed) ? 'outside_area' as const : null;
          sites.push({ row, input: site.data, warning });
          usedCodes.add(code);
          siteByCode.set(code, { id: site.data.id, area_id: area.id });
          if (nameCell) siteByName.set(normalise(nameCell), { id: site.data.id, area_id: area.id });
          siteId = site.data.id;
        }
      }
    }
    if (!area && !mine.some((p) => p.field === 'area')) add('area', 'missing_area');

    if (mine.length === 0 && date.ok && arrived.ok && left.ok && coverage.ok && area && siteId) {
      const arrivedAt = parisInstant(date.value, arrived.value ?? options.defaultTime);
      const leftAt = left.value ? parisInstant(date.value, left.value) : null;
      const notes = cell('notes');
      const parsed = evictionInputSchema.safeParse({
        id: randomUUID(), operationId: randomUUID(), siteId, arrivedAt, leftAt, coverage: coverage.value, counts,
        // A spreadsheet has one column per item: a part's column becomes a "dont" of its whole, the whole the sum of both (as the 2026-12-03 migration did).
        seized: nestSeparateParts(seized, partOf.item_type), destroyed: nestSeparateParts(destroyed, partOf.structure_type),
        legalBasisText: cell('legalBasisText') || null, legalBasisCategory: category,
        notes: notes ? [{ id: randomUUID(), at: arrivedAt, text: notes }] : [],
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const [first, second] = issue.path.map(String);
          add(first === 'counts' && second ? second : first ?? 'row', 'invalid');
        }
      } else {
        for (const p of checkEviction(parsed.data, now)) add(FIELD_OF[p.field] ?? p.field.replace(/^counts\./, ''), p.problem);
      }
      if (mine.length === 0 && parsed.success) {
        const key = `${date.value}|${area.id}`;
        let op = operations.get(key);
        if (!op) {
          op = { row, input: { id: randomUUID(), areaId: area.id, startedAt: arrivedAt, endedAt: leftAt, operationType: null, officerInCharge: null, authoritiesPresent: null, weatherAlert: null, observerIds: [], notes: null } };
          operations.set(key, op);
        }
        if (arrivedAt < op.input.startedAt) op.input.startedAt = arrivedAt;
        if (leftAt && (!op.input.endedAt || leftAt > op.input.endedAt)) op.input.endedAt = leftAt;
        evictions.push({ row, input: { ...parsed.data, operationId: op.input.id } });
      }
    }
    if (mine.length) { rowsWithProblems += 1; problems.push(...mine); }
  });

  // A new site is only created for rows that are otherwise fine.
  const usedSites = new Set(evictions.map((e) => e.input.siteId));
  return {
    rows: table.rows.length, rowsOk: table.rows.length - rowsWithProblems, rowsWithProblems, problems,
    sites: sites.filter((s) => usedSites.has(s.input.id)), operations: [...operations.values()], evictions, totals: totalsOf(evictions),
  };
}
