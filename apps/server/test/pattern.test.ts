import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/platform/http/request-context.js';
import { collectPatternEvidence } from '../src/modules/legal/pattern/collect-pattern-evidence.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';

const run = promisify(execFile);
let t: TestVigie;
let orgId: string;
let legal: TestClient;
let observer: TestClient;
let coordinator: TestClient;
let work: string;
const AREA = 'zone-test';

type E = {
  site: string; day: string; status?: string; deleted?: boolean; mergedInto?: string; area?: string;
  persons?: [number, boolean] | null; minors?: [number, boolean] | null; awv?: [number, boolean] | null;
  shelter?: boolean | null; social?: boolean | null;
};

/**
 * A February in a test area, counted by hand: four verified evictions on two sites, and five
 * records that must not count (submitted, deleted, merged, another area, another month).
 */
async function seed() {
  const user = legal.user.id as string;
  const areas: Record<string, string> = {};
  for (const code of [AREA, 'zone-autre']) {
    areas[code] = randomUUID();
    await sql`INSERT INTO areas (id, organisation_id, code, name) VALUES (${areas[code]}, ${orgId}, ${code}, ${code === AREA ? 'Zone de test' : 'Autre zone'})`.execute(t.db);
  }
  await sql`INSERT INTO communes (organisation_id, area_id, insee_code, name) VALUES (${orgId}, ${areas[AREA]}, '62193', 'Calais')
    ON CONFLICT (organisation_id, insee_code) DO NOTHING`.execute(t.db);
  const sites: Record<string, string> = {};
  for (const [code, area] of [['A1', AREA], ['A2', AREA], ['Z9', 'zone-autre']] as const) {
    sites[code] = randomUUID();
    await sql`INSERT INTO sites (id, organisation_id, code, name, area_id, commune_insee) VALUES (${sites[code]}, ${orgId}, ${code}, ${`Site ${code}`}, ${areas[area]}, '62193')`.execute(t.db);
  }
  const insert = async (e: E) => {
    const op = randomUUID();
    const id = randomUUID();
    await sql`INSERT INTO operations (id, organisation_id, area_id, date, started_at, created_by, updated_by)
      VALUES (${op}, ${orgId}, ${areas[e.area ?? AREA]}, ${e.day}, ${`${e.day}T05:00:00Z`}, ${user}, ${user})`.execute(t.db);
    await sql`INSERT INTO evictions (id, organisation_id, operation_id, site_id, date, arrived_at, status, created_by, updated_by,
        persons_evicted, persons_evicted_at_least, unaccompanied_minors, unaccompanied_minors_at_least,
        arrests_with_violence, arrests_with_violence_at_least, shelter_offered, social_assessment, deleted_at, merged_into)
      VALUES (${id}, ${orgId}, ${op}, ${sites[e.site]}, ${e.day}, ${`${e.day}T05:30:00Z`}, ${e.status ?? 'verified'}, ${user}, ${user},
        ${e.persons?.[0] ?? null}, ${e.persons?.[1] ?? true}, ${e.minors?.[0] ?? null}, ${e.minors?.[1] ?? true},
        ${e.awv?.[0] ?? null}, ${e.awv?.[1] ?? true}, ${e.shelter ?? null}, ${e.social ?? null},
        ${e.deleted ? new Date() : null}, ${e.mergedInto ?? null})`.execute(t.db);
    return id;
  };
  const incident = async (evictionId: string, day: string, kind: string, type: string, deleted = false) => {
    await sql`INSERT INTO incidents (id, organisation_id, eviction_id, kind, incident_type, occurred_at, unit, created_by, deleted_at)
      VALUES (${randomUUID()}, ${orgId}, ${evictionId}, ${kind}, ${type}, ${`${day}T05:45:00Z`}, 'CRS 36', ${user}, ${deleted ? new Date() : null})`.execute(t.db);
  };
  const tally = (evictionId: string, term: string, n: number, atLeast: boolean) =>
    sql`INSERT INTO eviction_tallies (eviction_id, organisation_id, kind, term, n, at_least) VALUES (${evictionId}, ${orgId}, 'seized', ${term}, ${n}, ${atLeast})`.execute(t.db);

  const e1 = await insert({ site: 'A1', day: '2026-02-03', persons: [30, true], minors: [2, false], awv: [1, false], shelter: false, social: false });
  const e2 = await insert({ site: 'A2', day: '2026-02-10', persons: [12, false], minors: [0, false], shelter: true, social: false });
  const e3 = await insert({ site: 'A1', day: '2026-02-17', shelter: false, social: true });
  await insert({ site: 'A2', day: '2026-02-24', persons: [8, false], minors: [1, false] });
  await tally(e1, 'tent', 10, true);
  await tally(e1, 'sleeping_bag', 5, false);
  await tally(e2, 'tent', 3, false);
  await incident(e1, '2026-02-03', 'violence', 'baton');
  await incident(e1, '2026-02-03', 'violence', 'gas', true);
  await incident(e1, '2026-02-03', 'obstruction', 'perimeter');
  await incident(e3, '2026-02-17', 'violence', 'gas');
  // None of these may count.
  const x1 = await insert({ site: 'A1', day: '2026-02-05', status: 'submitted', persons: [100, false] });
  await insert({ site: 'A1', day: '2026-02-06', deleted: true, persons: [100, false] });
  await insert({ site: 'Z9', day: '2026-02-07', area: 'zone-autre', persons: [100, false] });
  // A site of the other area evicted during an operation of this one: "in this area" is the site's area, as in the statistics.
  await insert({ site: 'Z9', day: '2026-02-10', persons: [100, false] });
  await insert({ site: 'A1', day: '2026-03-02', persons: [100, false] });
  await insert({ site: 'A1', day: '2026-02-03', mergedInto: e1, persons: [100, false] });
  await tally(x1, 'tent', 100, false);
  await incident(x1, '2026-02-05', 'violence', 'baton');
}

async function pdf(c: TestClient, query: string) {
  const res = await c.request('GET', `/api/legal/pattern-evidence.pdf?${query}`);
  if (res.statusCode !== 200) return { statusCode: res.statusCode, json: res.json, text: '' };
  const raw = await t.vigie.app.inject({ method: 'GET', url: `/api/legal/pattern-evidence.pdf?${query}`, headers: { cookie: c.cookie } });
  const path = join(work, `${randomUUID()}.pdf`);
  writeFileSync(path, raw.rawPayload);
  const { stdout } = await run('/usr/bin/pdftotext', [path, '-']);
  return { statusCode: res.statusCode, headers: raw.headers, json: res.json, text: stdout.replace(/\s+/g, ' ') };
}

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  legal = await t.userWithRole(orgId, 'legal');
  observer = await t.userWithRole(orgId, 'observer');
  coordinator = await t.userWithRole(orgId, 'coordinator');
  work = mkdtempSync(join(tmpdir(), 'vigie-pattern-'));
  await seed();
});
afterAll(async () => {
  await t?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe(`pattern evidence (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('counts only verified, live, unmerged evictions of the period and area, as computed by hand', async () => {
    const actor = { organisationId: orgId, userId: legal.user.id } as Actor;
    const { result } = await collectPatternEvidence(t.vigie.ctx, actor, { from: '2026-02-01', to: '2026-02-28', area: AREA });
    const cited = (value: number, metric: string, atLeast = true) => ({ value, atLeast, reference: { metric, from: '2026-02-01', to: '2026-02-28', areaCode: AREA, filters: {} } });
    expect(result.figures).toEqual({
      days: 28, coverage: { expectedDays: 28, observedDays: 6, missedDays: 22 },
      evictions: cited(4, 'evictions'), distinctSites: cited(2, 'distinctSites'), hoursBetweenEvictions: 168,
      personsEvicted: { ...cited(50, 'personsEvicted'), unknown: 1 },
      unaccompaniedMinors: { ...cited(3, 'unaccompaniedMinors'), unknown: 1 },
      shelter: { offered: cited(1, 'shelterOffered'), notOffered: 2, unknown: 1 },
      socialAssessment: { done: cited(1, 'socialAssessment'), notDone: 2, unknown: 1 },
      seized: {
        ...cited(18, 'itemsSeized'),
        byItem: [{ term: 'tent', label: expect.any(String), value: 13, atLeast: true }, { term: 'sleeping_bag', label: expect.any(String), value: 5, atLeast: true }],
      },
      violence: { incidents: cited(2, 'incidentsViolence'), arrestsWithViolence: { ...cited(1, 'arrestsWithViolence'), unknown: 3 } },
      obstruction: { incidents: cited(1, 'incidentsObstruction') },
    });
    // Each annex lists exactly the records its figure rests on.
    const annex = (letter: string) => result.annexes.find((a) => a.letter === letter)!.rows;
    expect(annex('A').map((r) => `${r[0]} ${r[2]}`)).toEqual(['03/02/2026 A1', '10/02/2026 A2', '17/02/2026 A1', '24/02/2026 A2']);
    expect(annex('B').map((r) => r[4])).toEqual(['au moins 30', '12', 'non renseigné', '8']);
    expect(annex('D').map((r) => r[4])).toEqual(['non', 'oui', 'non', 'non renseigné']);
    expect(annex('F')).toHaveLength(2);
    // The violent arrest (arrival 06h30 Paris), the baton blow (06h45), then 17 February.
    expect(annex('G').map((r) => `${r[0]} ${r[1]} ${r[2]}`)).toEqual(['03/02/2026 06h30 A1', '03/02/2026 06h45 A1', '17/02/2026 06h45 A1']);
    expect(annex('H').map((r) => `${r[0]} ${r[2]} ${r[5]}`)).toEqual(['03/02/2026 A1 CRS 36']);
  });

  it('cites exactly the figures the statistics give for the same period and area, and annexes the records they count', async () => {
    const query = { from: '2026-02-01', to: '2026-02-28' };
    for (const area of [AREA, undefined]) {
      const { result: r } = await collectPatternEvidence(t.vigie.ctx, { organisationId: orgId, userId: legal.user.id } as Actor, { ...query, ...(area ? { area } : {}) });
      const summary = await coordinator.get(`/api/statistics/summary?from=${query.from}&to=${query.to}${area ? `&areaCode=${area}` : ''}`);
      expect(summary.statusCode).toBe(200);
      const stats = summary.json();
      const f = r.figures;
      const cited = [
        f.evictions, f.distinctSites, f.personsEvicted, f.unaccompaniedMinors, f.shelter.offered, f.socialAssessment.done, f.seized,
        f.violence.incidents, f.violence.arrestsWithViolence, f.obstruction.incidents,
      ];
      for (const { reference, value, atLeast, unobserved } of cited) {
        expect(reference).toEqual({ metric: reference.metric, from: query.from, to: query.to, areaCode: area ?? null, filters: {} });
        expect({ value, atLeast, unobserved }, reference.metric).toEqual({ unobserved: undefined, ...stats.figures[reference.metric] });
      }
      expect(f.coverage).toEqual({ observedDays: stats.coverage.daysObserved, expectedDays: stats.coverage.expectedDays, missedDays: stats.coverage.daysNotObserved });
      // The annex of evictions lists as many records as the figure counts, and the drill-down the same ones.
      expect(r.annexes.find((a) => a.letter === 'A')!.rows).toHaveLength(stats.figures.evictions.value);
      const drill = await coordinator.get(`/api/statistics/evictions?from=${query.from}&to=${query.to}${area ? `&areaCode=${area}` : ''}&pageSize=100`);
      expect(drill.json().total).toBe(stats.figures.evictions.value);
    }
  });

  it('prints the summary with every figure, its annex, and the records behind it', async () => {
    const res = await pdf(legal, `from=2026-02-01&to=2026-02-28&area=${AREA}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers!['content-type']).toBe('application/pdf');
    const text = res.text;
    expect(text).toContain('Relevé factuel des expulsions de lieux de vie informels');
    expect(text).toContain('Zone de test, du 01/02/2026 au 28/02/2026');
    expect(text).toContain('Au moins 4 expulsions d’au moins 2 lieux de vie distincts en 28 jours, soit en moyenne une expulsion tous les 7 jours');
    expect(text).toContain('au moins 50 (non renseigné pour 1 expulsion)');
    expect(text).toContain('oui : au moins 1 ; non : 2 ; non renseigné : 1');
    expect(text).toContain('Annexe A — Expulsions constatées (4 lignes)');
    expect(text).toContain('Annexe H — Entraves au travail des observateurs (1 ligne)');
    expect(text).toContain('24/02/2026');
    expect(text).not.toContain('Z9');
    expect(text).not.toContain('100');
    const audit = await sql<{ actor_id: string }>`SELECT actor_id FROM audit_log WHERE action = 'legal.pattern_evidence'`.execute(t.db);
    expect(audit.rows.map((r) => r.actor_id)).toContain(legal.user.id);
  });

  it('refuses a reversed period, an unknown area, and anyone outside the legal pole', async () => {
    const reversed = await pdf(legal, 'from=2026-03-01&to=2026-02-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ code: 'pattern.invalid_period' });
    expect((await pdf(legal, 'from=2026-02-01&to=2026-02-28&area=nowhere')).json()).toMatchObject({ code: 'field.unknown_area' });
    expect((await pdf(legal, 'from=2026-02-01')).statusCode).toBe(400);
    expect((await pdf(observer, 'from=2026-02-01&to=2026-02-28')).statusCode).toBe(403);
    expect((await pdf(t.client(), 'from=2026-02-01&to=2026-02-28')).statusCode).toBe(401);
    const areas = await legal.get('/api/legal/pattern-evidence/areas');
    expect(areas.json().areas).toContainEqual({ code: AREA, name: 'Zone de test' });
    expect((await observer.get('/api/legal/pattern-evidence/areas')).statusCode).toBe(403);
  });
});
