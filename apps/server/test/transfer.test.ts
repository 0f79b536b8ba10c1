import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/platform/audit/verify-chain.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { push, reference, siteCommand } from './field-fixtures.js';

let t: TestVigie;
let observer: TestClient;
let coordinator: TestClient;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  observer = await t.userWithRole(admin.user.organisationId, 'observer');
  coordinator = await t.userWithRole(admin.user.organisationId, 'coordinator');
  const { calaisisId } = await reference(observer);
  expect((await push(observer, [siteCommand(calaisisId, { code: 'B2', name: 'Bois B2' })]))[0]!.status).toBe('applied');
});
afterAll(async () => { await t?.close(); });

/** Sends a file as the raw body, as the web app does, with the client's session and CSRF token. */
async function send(c: TestClient, method: 'GET' | 'POST', url: string, payload?: Buffer | string, type = 'text/csv') {
  const res = await t.vigie.app.inject({
    method, url, payload,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'accept-language': c.locale, ...(payload !== undefined && { 'content-type': type }) },
  });
  return { statusCode: res.statusCode, raw: res.rawPayload, json: () => JSON.parse(res.body) };
}
const upload = (c: TestClient, file: Buffer | string, type = 'text/csv', name = 'historique.csv') =>
  send(c, 'POST', `/api/imports?fileName=${encodeURIComponent(name)}`, file, type);
const run = (c: TestClient, id: string, step: 'dry-run' | 'commit', mapping: unknown, options: unknown = {}) =>
  c.post(`/api/imports/${id}/${step}`, { mapping, options });
const count = async (table: string) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.db)).rows[0]!.n);
const snapshot = async () => ({ ops: await count('operations'), evictions: await count('evictions'), sites: await count('sites'), tallies: await count('eviction_tallies') });

const csv = (lines: string[]) => `${lines.join('\r\n')}\r\n`;
const HEADER = 'Date;Heure d’arrivée;Heure de départ;Lieu;Commune;Nb personnes;Tentes;Interpellations;Interpellations avec violence;Base légale';
const CLEAN = csv([
  HEADER,
  '15/01/2025;06:10;06:40;B2;;au moins 12;≥3;2;1;Flagrance, selon le commandant',
  '15/01/2025;07:00;07:20;Nouveau Camp;Calais;12;12+;;;',
  '16/01/2025;6h30;;b2;;~8;;0;;',
]);

describe(`transfer (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('suggests a mapping from French headers, reading Windows-1252 and ";" as Excel FR writes them', async () => {
    const file = iconv.encode(csv(['Date;Lieu;Nb personnes;Tentes;Interpellations;Heure d\'arrivée;Secteur;Mineurs;Remarques', '01/02/2024;B2;3;1;0;06:00;calaisis;0;']), 'win1252');
    const res = await upload(coordinator, file);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ fileType: 'csv', encoding: 'windows-1252', delimiter: ';', rowCount: 1, sha256: createHash('sha256').update(file).digest('hex') });
    expect(body.columns).toContain('Heure d\'arrivée');
    expect(body.suggestedMapping).toMatchObject({
      date: 'Date', siteName: 'Lieu', personsEvicted: 'Nb personnes', 'seized.tent': 'Tentes', arrests: 'Interpellations',
      arrivedTime: 'Heure d\'arrivée', area: 'Secteur', unaccompaniedMinors: 'Mineurs', notes: 'Remarques', leftTime: null,
    });
  });

  it('reads an XLSX sheet with real date cells and numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('2024');
    ws.addRow(['Date', 'Heure', 'Lieu', 'Personnes', 'Tentes']);
    ws.addRow([new Date(Date.UTC(2024, 2, 5)), '06:15', 'B2', 'au moins 20', 4]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(coordinator, file, XLSX, 'historique.xlsx');
    expect(res.statusCode).toBe(201);
    const { importId, suggestedMapping, sampleRows } = res.json();
    expect(sampleRows).toEqual([['2024-03-05', '06:15', 'B2', 'au moins 20', '4']]);
    const report = (await run(coordinator, importId, 'dry-run', suggestedMapping, { areaCode: 'calaisis' })).json();
    expect(report).toMatchObject({ rowsWithProblems: 0, wouldCreate: { evictions: 1, operations: 1, sites: 0 } });
    expect(report.totals.counts.personsEvicted).toEqual({ n: 20, atLeast: true });
    expect(report.totals.tallies['seized.tent']).toEqual({ n: 4, atLeast: false });
  });

  it('dry run reports each row’s problems with its line number, in the user’s language, and writes nothing', async () => {
    const before = await snapshot();
    const file = csv([HEADER, '15/01/2025;06:10;06:40;B2;;3;;;;', '32/13/2024;06:10;;B2;;3;;;;', '10/01/2025;06:10;05:00;B2;;-3;;;;', '11/01/2025;06:10;;Inconnu;;3;;;;']);
    const { importId, suggestedMapping } = (await upload(coordinator, file)).json();
    const res = await run(coordinator, importId, 'dry-run', suggestedMapping, { areaCode: 'calaisis', createUnknownSites: false });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ rowCount: 4, rowsOk: 1, rowsWithProblems: 3, wouldCreate: { evictions: 1, operations: 1, sites: 0 } });
    const codes = Object.fromEntries(report.rows.map((r: { row: number; problems: Array<{ code: string }> }) => [r.row, r.problems.map((p) => p.code).sort()]));
    expect(codes).toEqual({ 2: [], 3: ['bad_date'], 4: ['negative_count'], 5: ['unknown_site'] });
    const unknown = report.rows.find((r: { row: number }) => r.row === 5).problems[0];
    expect(unknown.message).toContain('lieu de vie inconnu « Inconnu »');
    // Fix the count: the departure before arrival is then reported too.
    const fixed = (await upload(coordinator, csv([HEADER, '10/01/2025;06:10;05:00;B2;;3;;;;']))).json();
    const second = (await run(coordinator, fixed.importId, 'dry-run', fixed.suggestedMapping, { areaCode: 'calaisis' })).json();
    expect(second.rows[0].problems.map((p: { code: string }) => p.code)).toEqual(['left_before_arrival']);
    expect(await snapshot()).toEqual(before);
  });

  it('commits nothing at all when one row is wrong, and says which', async () => {
    const before = await snapshot();
    const file = csv([HEADER, '15/01/2025;06:10;06:40;B2;;3;;;;', '15/01/2025;07:10;;Nouveau;Calais;3;;;;', '17/01/2099;06:10;;B2;;3;;;;']);
    const { importId, suggestedMapping } = (await upload(coordinator, file)).json();
    const res = await run(coordinator, importId, 'commit', suggestedMapping, { areaCode: 'calaisis', createUnknownSites: true });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'import.has_problems', details: { rowsWithProblems: 1, rows: [{ row: 4, ok: false, problems: [{ code: 'in_future' }] }] } });
    expect(res.json().message).toContain('Rien n’a été enregistré');
    expect(await snapshot()).toEqual(before);
  });

  let committedTotals: unknown;
  it('commits a clean file in one go: operations per day and area, evictions with their at-least flags, provenance', async () => {
    const before = await snapshot();
    const { importId, suggestedMapping, sha256, sameFile } = (await upload(coordinator, CLEAN)).json();
    expect(sameFile).toBeNull();
    const res = await run(coordinator, importId, 'commit', suggestedMapping, { areaCode: 'calaisis', createUnknownSites: true, markVerified: true });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'committed', evictionStatus: 'verified', created: { sites: 1, operations: 2, evictions: 3 } });
    committedTotals = body.totals;
    expect(await snapshot()).toEqual({ ops: before.ops + 2, evictions: before.evictions + 3, sites: before.sites + 1, tallies: before.tallies + 2 });

    const rows = await t.db.selectFrom('evictions as e').innerJoin('sites as s', 's.id', 'e.site_id')
      .select(['s.code', 'e.date', 'e.status', 'e.persons_evicted', 'e.persons_evicted_at_least', 'e.arrests', 'e.arrests_at_least', 'e.arrived_at', 'e.legal_basis_text'])
      .where('e.date', 'in', ['2025-01-15', '2025-01-16']).orderBy('e.arrived_at').execute();
    expect(rows.map((r) => [r.code, r.date, r.status, r.persons_evicted, r.persons_evicted_at_least, r.arrests, r.arrests_at_least])).toEqual([
      ['B2', '2025-01-15', 'verified', 12, true, 2, false],
      ['NOUVEAU-CAMP', '2025-01-15', 'verified', 12, false, null, true],
      ['B2', '2025-01-16', 'verified', 8, true, 0, false],
    ]);
    expect(rows[0]!.arrived_at.toISOString()).toBe('2025-01-15T05:10:00.000Z'); // 06:10 in Calais, winter time
    const tents = await t.db.selectFrom('eviction_tallies').select(['n', 'at_least']).where('term', '=', 'tent').orderBy('n').execute();
    expect(tents).toEqual(expect.arrayContaining([{ n: 3, at_least: true }, { n: 12, at_least: true }]));

    const imp = await t.db.selectFrom('imports').selectAll().where('id', '=', importId).executeTakeFirstOrThrow();
    expect(imp).toMatchObject({ status: 'committed', rows: null, sha256, file_name: 'historique.csv' });
    expect(sha256).toBe(createHash('sha256').update(CLEAN).digest('hex'));
    const audit = await t.db.selectFrom('audit_log').select(['action', 'context']).where('action', '=', 'eviction.created')
      .where(sql<boolean>`context->>'importId' = ${importId}`).execute();
    expect(audit.map((a) => (a.context as { row: number }).row).sort()).toEqual([2, 3, 4]);
    expect(audit[0]!.context).toMatchObject({ fileName: 'historique.csv', sha256 });
    const versions = await t.db.selectFrom('record_versions').select('entity_type').where('changed_by', '=', imp.created_by).execute();
    expect(versions.length).toBeGreaterThanOrEqual(6);
    // The batch append keeps the hash chain intact.
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, problems: [] });

    expect((await run(coordinator, importId, 'commit', suggestedMapping, { areaCode: 'calaisis' })).json().code).toBe('import.already_committed');
  });

  it('warns when the very same file was already committed, and commits it again only when told to', async () => {
    // The file committed just above, sent again (renamed): the warning names the earlier import.
    const first = await t.db.selectFrom('imports').select(['id', 'committed_at']).where('status', '=', 'committed').where('file_name', '=', 'historique.csv').executeTakeFirstOrThrow();
    const again = (await upload(coordinator, CLEAN, 'text/csv', 'copie.csv')).json();
    expect(again.sameFile).toEqual({ importId: first.id, fileName: 'historique.csv', committedAt: first.committed_at!.toISOString() });
    expect(again.sameFileImportedAt).toBe(first.committed_at!.toISOString());
    const report = (await run(coordinator, again.importId, 'dry-run', again.suggestedMapping, { areaCode: 'calaisis', createUnknownSites: true })).json();
    expect(report.sameFile).toMatchObject({ importId: first.id });
    const before = await snapshot();
    const refused = await run(coordinator, again.importId, 'commit', again.suggestedMapping, { areaCode: 'calaisis', createUnknownSites: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'import.same_file', details: { importId: first.id, fileName: 'historique.csv' } });
    expect(refused.json().message).toContain('compterait chaque expulsion deux fois');
    expect(await snapshot()).toEqual(before);
    // One byte differs: another file, no warning.
    expect((await upload(coordinator, `${CLEAN}\r\n`)).json().sameFile).toBeNull();

    // A small file of 2018, committed, then deliberately committed a second time.
    const old = csv([HEADER, '03/03/2018;06:10;06:40;B2;;5;;;;']);
    const once = (await upload(coordinator, old)).json();
    expect((await run(coordinator, once.importId, 'commit', once.suggestedMapping, { areaCode: 'calaisis' })).statusCode).toBe(200);
    const twice = (await upload(coordinator, old)).json();
    expect(twice.sameFile).toMatchObject({ importId: once.importId });
    const confirmed = await run(coordinator, twice.importId, 'commit', twice.suggestedMapping, { areaCode: 'calaisis', confirmSameFile: true });
    expect(confirmed.statusCode).toBe(200);
    expect(await t.db.selectFrom('evictions').select('id').where('date', '=', '2018-03-03').execute()).toHaveLength(2);
  });

  it('exports CSV in UTF-8 with BOM and ";", which re-imports with no problem and the same figures', async () => {
    const res = await send(observer, 'GET', '/api/exports/evictions.csv?from=2025-01-15&to=2025-01-16');
    expect(res.statusCode).toBe(200);
    expect([...res.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(res.raw.subarray(3));
    const [header, ...lines] = text.trim().split('\r\n');
    expect(header!.split(';').slice(0, 4)).toEqual(['Date', 'Heure d’arrivée', 'Heure de départ', 'Secteur']);
    expect(lines).toHaveLength(3);
    expect(text).toContain('au moins 12');
    expect(text).not.toContain('Notes');

    const back = (await upload(coordinator, res.raw)).json();
    expect(Object.values(back.suggestedMapping).filter(Boolean)).toHaveLength(back.columns.length);
    const report = (await run(coordinator, back.importId, 'dry-run', back.suggestedMapping)).json();
    expect(report).toMatchObject({ rowsWithProblems: 0, mappingProblems: [], wouldCreate: { evictions: 3, operations: 2, sites: 0 } });
    expect(report.totals).toEqual(committedTotals);
  });

  it('exports XLSX that re-imports with the same figures too', async () => {
    const res = await send(coordinator, 'GET', '/api/exports/evictions.xlsx?from=2025-01-15&to=2025-01-16&area=calaisis');
    expect(res.statusCode).toBe(200);
    const back = (await upload(coordinator, res.raw, XLSX, 'export.xlsx')).json();
    expect(back.fileType).toBe('xlsx');
    const report = (await run(coordinator, back.importId, 'dry-run', back.suggestedMapping)).json();
    expect(report).toMatchObject({ rowsWithProblems: 0, wouldCreate: { evictions: 3 } });
    expect(report.totals).toEqual(committedTotals);
  });

  it('writes the same cells in CSV (made by PostgreSQL) and XLSX, a formula neutralised and ";", quotes and line breaks quoted', async () => {
    // A legal basis as an observer might paste it, and a site name a spreadsheet would run as a formula.
    const tricky = '=HYPERLINK("http://x");\narticle "L.521-1"';
    const [e] = await t.db.selectFrom('evictions').select(['id', 'site_id']).where('date', '=', '2025-01-15').orderBy('arrived_at').limit(1).execute();
    await t.db.updateTable('evictions').set({ legal_basis_text: tricky }).where('id', '=', e!.id).execute();
    await t.db.updateTable('sites').set({ name: '+Bois; "B2"' }).where('id', '=', e!.site_id).execute();
    const url = '/api/exports/evictions.%s?from=2025-01-15&to=2025-01-16&area=calaisis';
    const csvRes = await send(coordinator, 'GET', url.replace('%s', 'csv'));
    const xlsxRes = await send(coordinator, 'GET', url.replace('%s', 'xlsx'));
    const { parse } = await import('csv-parse/sync');
    const csvRows: string[][] = parse(csvRes.raw.subarray(3), { delimiter: ';', record_delimiter: '\r\n' });
    expect(csvRes.raw.toString('utf8')).toContain('"\'=HYPERLINK(""http://x"");\narticle ""L.521-1"""');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsxRes.raw as never);
    const xlsxRows: string[][] = [];
    book.worksheets[0]!.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      xlsxRows.push(csvRows[0]!.map((_, i) => {
        const v = values[i];
        return v instanceof Date ? v.toISOString().slice(0, 10).split('-').reverse().join('/') : v == null ? '' : String(v);
      }));
    });
    expect(csvRows.length).toBe(4);
    // CSV text cells carry the neutralising apostrophe; XLSX cells are never run as formulas.
    const unneutralised = csvRows.map((row) => row.map((cell) => cell.replace(/^'(?=[=+\-@\t\r])/, '')));
    expect(unneutralised).toEqual(xlsxRows);
    expect(csvRows.flat()).toContain(`'${tricky}`);
    expect(csvRows.flat()).toContain('\'+Bois; "B2"');
    await t.db.updateTable('evictions').set({ legal_basis_text: 'Flagrance, selon le commandant' }).where('id', '=', e!.id).execute();
    await t.db.updateTable('sites').set({ name: 'Bois B2' }).where('id', '=', e!.site_id).execute();
  });

  it('lets only coordinators import', async () => {
    expect((await upload(observer, CLEAN)).statusCode).toBe(403);
    const { importId, suggestedMapping } = (await upload(coordinator, CLEAN)).json();
    expect((await run(observer, importId, 'dry-run', suggestedMapping)).statusCode).toBe(403);
    expect((await upload(coordinator, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), 'application/vnd.ms-excel')).json().code).toBe('import.unsupported_type');
  });

  it('imports 5,000 rows in one commit', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 5000; i += 1) {
      const day = new Date(Date.UTC(2019, 0, 1) + Math.floor(i / 5) * 86_400_000).toISOString().slice(0, 10).split('-').reverse().join('/');
      lines.push(`${day};0${5 + (i % 5)}:10;0${5 + (i % 5)}:40;B2;;au moins ${i % 40};${i % 7}+;${i % 3};;Flagrance`);
    }
    const before = await snapshot();
    const t0 = performance.now();
    const { importId, suggestedMapping } = (await upload(coordinator, csv(lines))).json();
    const t1 = performance.now();
    const dry = (await run(coordinator, importId, 'dry-run', suggestedMapping, { areaCode: 'calaisis' })).json();
    const t2 = performance.now();
    expect(dry.rowsWithProblems).toBe(0);
    const res = await run(coordinator, importId, 'commit', suggestedMapping, { areaCode: 'calaisis' });
    const t3 = performance.now();
    expect(res.statusCode).toBe(200);
    expect(res.json().created).toEqual({ sites: 0, operations: 1000, evictions: 5000 });
    expect((await snapshot()).evictions).toBe(before.evictions + 5000);
    console.log(`[transfer] 5000 rows (${t.backend}): upload ${Math.round(t1 - t0)} ms, dry run ${Math.round(t2 - t1)} ms, commit ${Math.round(t3 - t2)} ms (server ${res.json().durationMs} ms)`);
    const t4 = performance.now();
    const exported = await send(coordinator, 'GET', '/api/exports/evictions.csv?status=all');
    console.log(`[transfer] export of ${exported.raw.toString('utf8').split('\r\n').length - 2} rows: ${Math.round(performance.now() - t4)} ms`);
    // Several cursor batches: every eviction exactly once, none repeated at a batch boundary.
    const { n } = await t.db.selectFrom('evictions').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('deleted_at', 'is', null).where('merged_into', 'is', null).executeTakeFirstOrThrow();
    expect(exported.raw.toString('utf8').trim().split('\r\n').length - 1).toBe(Number(n));
  }, 180_000);
});
