import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { evictionCommand, operationCommand, push, reference, siteCommand } from './field-fixtures.js';

const run = promisify(execFile);
let t: TestVigie;
let present: TestClient;
let absent: TestClient;
let legal: TestClient;
let volunteer: TestClient;
let evictionId: string;
let outsideId: string;
let work: string;

const statement = (over: Record<string, unknown> = {}) => ({
  evictionId,
  witness: {
    lastName: 'Témoin-Dupont', firstName: 'Camille', birthDate: '1994-05-17', birthPlace: 'Lille (59)',
    address: '12 rue des Observateurs, 62100 Calais', occupation: 'Observatrice bénévole',
  },
  relationToParties: 'Aucun lien avec les parties ; membre de l\'association Human Rights Observers',
  account: 'Arrivée à 6 h 10, j\'ai vu les agents lacérer deux tentes #1 $ [sic].\n\nUn agent a déclaré agir « en flagrance ».',
  place: 'Calais',
  date: '2026-02-14',
  ...over,
});

async function pdfText(c: TestClient, body: unknown) {
  const res = await t.vigie.app.inject({
    method: 'POST', url: '/api/legal/witness-statements', payload: body as object,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/json' },
  });
  if (res.statusCode !== 200) return { statusCode: res.statusCode, json: () => JSON.parse(res.body), text: '' };
  const path = join(work, `${randomUUID()}.pdf`);
  writeFileSync(path, res.rawPayload);
  const { stdout } = await run('/usr/bin/pdftotext', [path, '-']);
  return { statusCode: res.statusCode, headers: res.headers, json: () => ({}), text: stdout.replace(/\s+/g, ' ') };
}

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  const orgId = admin.user.organisationId;
  present = await t.userWithRole(orgId, 'observer');
  absent = await t.userWithRole(orgId, 'observer');
  legal = await t.userWithRole(orgId, 'legal');
  volunteer = await t.userWithRole(orgId, 'volunteer');
  work = mkdtempSync(join(tmpdir(), 'vigie-witness-'));
  const { calaisisId } = await reference(present);
  const site = siteCommand(calaisisId, { code: 'B2', name: 'Bois B2' });
  const op = operationCommand(calaisisId, { startedAt: '2026-02-13T05:00:00Z', officerInChargeText: undefined });
  const ev = evictionCommand(op.record.id, site.record.id, {
    arrivedAt: '2026-02-13T05:10:00Z', leftAt: '2026-02-13T06:40:00Z',
    legalBasisText: 'Flagrance, selon le commandant — « on applique les consignes »',
  });
  evictionId = ev.record.id;
  // An incident outside any eviction, at a distribution, recorded by the same observer.
  outsideId = randomUUID();
  const outside = {
    commandId: randomUUID(), type: 'incident.save', baseVersion: null,
    record: {
      id: outsideId, evictionId: null, kind: 'obstruction', incidentType: 'id_check', occurredAt: '2026-02-20T17:45:00Z', unit: 'Police nationale',
      description: 'Contrôle d’identité des observateurs pendant la distribution', victims: [
        { id: randomUUID(), pseudonym: 'Homme 7', minor: false }, { id: randomUUID(), pseudonym: 'Garçon 2', minor: true }],
      areaCode: 'calaisis', siteId: null, place: 'Distribution rue des Garennes',
    },
  };
  const results = await push(present, [site, op, ev, outside]);
  expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
});
afterAll(async () => {
  await t?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe(`witness statement (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('pre-fills the statement with the eviction\'s facts, the account, and the legal reminders', async () => {
    const res = await pdfText(present, statement());
    expect(res.statusCode).toBe(200);
    expect(res.headers!['content-type']).toBe('application/pdf');
    const text = res.text;
    expect(text).toContain('ATTESTATION DE TÉMOIN');
    expect(text).toContain('CERFA n° 11527*03');
    // Identity as typed.
    for (const s of ['Témoin-Dupont', 'Camille', '17/05/1994 à Lille (59)', '12 rue des Observateurs, 62100 Calais', 'Observatrice bénévole']) expect(text).toContain(s);
    expect(text).toContain('Lien de parenté, d\'alliance, de subordination, de collaboration ou de communauté d\'intérêts avec les parties');
    expect(text).toContain('Aucun lien avec les parties');
    // The facts from the record: day, hours in Paris time, site, commune, forces, counts, legal basis verbatim.
    expect(text).toContain('vendredi 13 février 2026');
    expect(text).toContain('de 06h10 à 07h40 (heure de Paris)');
    expect(text).toContain('B2 — Bois B2');
    expect(text).toContain('Calais (INSEE 62193)');
    expect(text).toContain('CRS 36');
    expect(text).toContain('au moins 30 personnes expulsées');
    expect(text).toContain('2 interpellations');
    expect(text).toContain('« Flagrance, selon le commandant — « on applique les consignes » »');
    expect(text).toContain('Une mise à l’abri a été proposée.');
    expect(text).toContain('saisi : Tentes — au moins 12');
    expect(text).toContain('Aucun diagnostic social n’a été réalisé.');
    // The account, Typst-like characters and all, as typed.
    expect(text).toContain('lacérer deux tentes #1 $ [sic].');
    expect(text).toContain('Un agent a déclaré agir « en flagrance ».');
    // Article 202 CPC wording and article 441-7 of the penal code, verbatim.
    expect(text).toContain('l\'attestation est établie en vue de sa production en justice et que j\'ai connaissance qu\'une fausse attestation de ma part m\'expose à des sanctions pénales');
    expect(text).toContain('Article 441-7 du code pénal');
    expect(text).toContain('est puni d\'un an d\'emprisonnement et de 15 000 euros d\'amende');
    expect(text).toContain('Fait à Calais, le 14/02/2026');
    expect(text).toContain('Signature du témoin (manuscrite)');
    expect(text).toContain('document officiel justifiant de votre identité');
  });

  it('audits who prepared a statement about which eviction, without keeping the identity or the account', async () => {
    const rows = (await sql<{ actor_id: string; entity_id: string; after: unknown; context: unknown }>`
      SELECT actor_id, entity_id, after, context FROM audit_log WHERE action = 'witness_statement.prepared'`.execute(t.db)).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: present.user.id, entity_id: evictionId, context: { pdfSha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const everything = JSON.stringify((await sql`SELECT * FROM audit_log`.execute(t.db)).rows);
    expect(everything).not.toContain('Témoin-Dupont');
    expect(everything).not.toContain('rue des Observateurs');
    expect(everything).not.toContain('lacérer');
  });

  it('lets the legal pole prepare one too, but not an observer who was not there, nor a volunteer', async () => {
    expect((await pdfText(legal, statement())).statusCode).toBe(200);
    const notThere = await pdfText(absent, statement());
    expect(notThere.statusCode).toBe(403);
    expect(notThere.json()).toMatchObject({ code: 'witness.not_present' });
    const vol = await pdfText(volunteer, statement());
    expect(vol.statusCode).toBe(403);
    expect(vol.json()).toMatchObject({ code: 'auth.forbidden' });
    expect((await pdfText(t.client(), statement())).statusCode).toBe(401);
  });

  it('says clearly what is wrong with the input', async () => {
    const unknown = await pdfText(present, statement({ evictionId: randomUUID() }));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'eviction.not_found' });
    const bad = await pdfText(present, statement({ account: '', witness: { ...statement().witness, birthDate: '17/05/1994' } }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'request.validation_failed' });
  });

  it('pre-fills a statement about an incident outside an eviction, for its reporter and the legal pole only', async () => {
    const res = await pdfText(present, statement({ evictionId: undefined, incidentId: outsideId, account: 'Deux agents ont exigé nos papiers.' }));
    expect(res.statusCode).toBe(200);
    const text = res.text;
    expect(text).toContain('ATTESTATION DE TÉMOIN');
    expect(text).toContain('vendredi 20 février 2026');
    expect(text).toContain('18h45 (heure de Paris)');
    expect(text).toContain('En dehors de toute expulsion');
    expect(text).toContain('Distribution rue des Garennes');
    expect(text).toContain('Entrave au travail des observateurs — Contrôle d’identité');
    expect(text).toContain('Police nationale');
    expect(text).toContain('2 personnes (dont 1 mineur)');
    expect(text).toContain('Contrôle d’identité des observateurs pendant la distribution');
    expect(text).toContain('Deux agents ont exigé nos papiers.');
    expect(text).toContain('Article 441-7 du code pénal');
    // Persons concerned are counted, never named: their pseudonyms are the association's.
    expect(text).not.toContain('Homme 7');
    expect(res.headers!['content-disposition']).toContain('attestation-temoin-incident-2026-02-20.pdf');

    const audit = (await sql<{ entity_type: string; entity_id: string }>`
      SELECT entity_type, entity_id FROM audit_log WHERE action = 'witness_statement.prepared' AND entity_type = 'incident'`.execute(t.db)).rows;
    expect(audit).toEqual([{ entity_type: 'incident', entity_id: outsideId }]);

    expect((await pdfText(legal, statement({ evictionId: undefined, incidentId: outsideId }))).statusCode).toBe(200);
    const notThere = await pdfText(absent, statement({ evictionId: undefined, incidentId: outsideId }));
    expect(notThere.statusCode).toBe(403);
    expect(notThere.json()).toMatchObject({ code: 'witness.not_present' });
    // The incident's page offers the statement to its reporter, not to another observer.
    expect((await present.get(`/api/incidents/${outsideId}`)).json().page.actions.witnessStatement).toBe(true);
  });

  it('asks for exactly one of the eviction and the incident', async () => {
    const both = await pdfText(present, statement({ incidentId: outsideId }));
    expect(both.statusCode).toBe(400);
    const neither = await pdfText(present, statement({ evictionId: undefined }));
    expect(neither.statusCode).toBe(400);
    const unknown = await pdfText(present, statement({ evictionId: undefined, incidentId: randomUUID() }));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'incident.not_found' });
  });
});
