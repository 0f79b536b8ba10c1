import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';

/** The communication desk's tools: contacts CSV import (dry run, commit) and export, merge, suppression list, bounce review. */
let t: TestVigie;
let comms: TestClient;
let orgId: string;
let listId: string;

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  comms = await t.userWithRole(orgId, 'comms');
  const list = await comms.post('/api/contact-lists', { name: 'Presse import', kind: 'static', legalBasis: 'consent' });
  listId = list.json().list.id;
});
afterAll(async () => { await t?.close(); });

const csv = (rows: string[]) => rows.join('\r\n');
/** A new journalist, and a known address stating its consent's source and date. */
const GOOD = [
  'Nom;E-mail;Organisation;Rôles;Langues;Étiquettes;Consentement : source;Consentement : date',
  'Alex Nouveau;alex@radio.example;Radio Côte;journaliste;fr, en;radio;;',
  'Camille C.;Camille@Journal.example;;Journalist;;presse;Salon du livre 2024;15/03/2024',
];
const importCsv = (step: 'dry-run' | 'commit', body: string, query = `listId=${listId}`) =>
  comms.request('POST', `/api/contacts/import/${step}?${query}&fileName=presse.csv`, body, { 'content-type': 'text/csv' });

async function auditCount(action: string) {
  const r = await sql<{ n: number }>`SELECT (SELECT count(*) FROM audit_log WHERE action = ${action}) + (SELECT count(*) FROM audit_pending WHERE action = ${action}) AS n`.execute(t.db);
  return Number(r.rows[0]!.n);
}

describe('contacts CSV import and export', () => {
  it('dry run reports each row (bad address, already known, twice in the file) and writes nothing; commit refuses while a row is wrong', async () => {
    const known = await comms.post('/api/contacts', { kind: 'person', displayName: 'Camille Connue', channels: [{ kind: 'email', value: 'camille@journal.example' }] });
    expect(known.statusCode).toBe(201);
    const file = csv([...GOOD, 'Pas une adresse;pas-une-adresse;;;;;;', 'Alex encore;ALEX@radio.example;;;;;;']);
    const dry = await importCsv('dry-run', file);
    expect(dry.statusCode, dry.body).toBe(200);
    const report = dry.json();
    expect(report.committed).toBe(false);
    expect(report.counts).toMatchObject({ create: 1, update: 1, problem: 1, duplicate_in_file: 1, consents: 1 });
    const [alex, camille, bad, again] = report.rows;
    expect(alex).toMatchObject({ line: 2, outcome: 'create' });
    expect(camille).toMatchObject({ outcome: 'update', matchedId: known.json().contact.id, matchedName: 'Camille Connue', consent: true });
    expect(bad.outcome).toBe('problem');
    expect(bad.problems[0]).toMatchObject({ column: 'E-mail', code: 'invalid_email' });
    expect(bad.problems[0].message).toContain('pas-une-adresse');
    expect(again).toMatchObject({ outcome: 'duplicate_in_file', sameAsLine: 2 });
    const none = await sql<{ n: number }>`SELECT count(*)::int AS n FROM contacts WHERE display_name IN ('Alex Nouveau', 'Radio Côte')`.execute(t.db);
    expect(none.rows[0]!.n).toBe(0);

    const refused = await importCsv('commit', file);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('contact_import.has_problems');
    expect((await comms.get('/api/contacts?q=alex')).json().contacts).toHaveLength(0);
  });

  it('commits: new contacts without consent, the known one completed not duplicated, consent only where the file states source and date', async () => {
    const file = csv([...GOOD, 'Alex encore;ALEX@radio.example;;;;;;']);
    const done = await importCsv('commit', file);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ committed: true, counts: { create: 1, update: 1, duplicate_in_file: 1, problem: 0 } });

    const alexes = (await comms.get('/api/contacts?q=radio.example')).json().contacts;
    expect(alexes).toHaveLength(1);
    const alex = (await comms.get(`/api/contacts/${alexes[0].id}`)).json().contact;
    expect(alex).toMatchObject({ displayName: 'Alex Nouveau', employerName: 'Radio Côte', roles: ['journalist'], languages: ['fr', 'en'], tags: ['radio'] });
    expect(alex.consents).toEqual([]);
    expect(alex.lists).toEqual([expect.objectContaining({ id: listId, status: null, mayMail: false })]);

    const camilles = (await comms.get('/api/contacts?q=journal.example')).json().contacts;
    expect(camilles).toHaveLength(1);
    const camille = (await comms.get(`/api/contacts/${camilles[0].id}`)).json().contact;
    expect(camille.displayName).toBe('Camille Connue');
    expect(camille.roles).toEqual(['journalist']);
    expect(camille.consents).toHaveLength(1);
    expect(camille.consents[0]).toMatchObject({ listId, status: 'granted', method: 'import', note: 'Salon du livre 2024' });
    expect(camille.consents[0].at.slice(0, 10)).toBe('2024-03-15');
    expect(camille.lists[0]).toMatchObject({ id: listId, status: 'granted', mayMail: true });
    expect(await auditCount('contacts.imported')).toBe(1);

    // Consent without a list to apply to, or half stated, is refused rather than guessed.
    const half = await importCsv('dry-run', csv(['Nom;E-mail;Consentement : source', 'Dana;dana@x.example;Salon']), '');
    expect(half.json().rows[0].problems.map((p: { code: string }) => p.code)).toEqual(['consent_incomplete']);
    // Two people cannot share one phone: the second row says so instead of failing the commit.
    const shared = await importCsv('dry-run', csv(['Nom;E-mail;Téléphone', 'Eli;eli@x.example;06 99 88 77 66', 'Fil;fil@x.example;+33699887766']), '');
    expect(shared.json().rows.map((r: { outcome: string }) => r.outcome)).toEqual(['create', 'problem']);
    expect(shared.json().rows[1].problems[0]).toMatchObject({ column: 'Téléphone', code: 'phone_taken' });
  });

  it('exports the filtered contacts as CSV that re-imports as is, formulas neutralised', async () => {
    await comms.post('/api/contacts', { kind: 'person', displayName: '=HYPERLINK("http://evil")', roles: ['journalist'], tags: ['radio'] });
    const res = await comms.get('/api/contacts/export.csv?tag=radio');
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/csv');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Nom;Type;E-mail;Téléphone;Organisation;Fonction;Rubrique;Langues;Rôles;Étiquettes;Notes');
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).toContain('Alex Nouveau;personne;alex@radio.example;;Radio Côte;;;fr, en;journaliste;radio;');
    expect(lines.join('\n')).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines.join('\n')).not.toContain('Camille');
    expect(await auditCount('contacts.exported')).toBe(1);

    const again = await importCsv('dry-run', res.body, '');
    expect(again.json().counts).toMatchObject({ update: 1, create: 1, problem: 0 });
  });
});

describe('merging two duplicate contacts', () => {
  it('moves channels, lists, consent history and timeline to the contact kept, deletes the duplicate, audited', async () => {
    const keep = (await comms.post('/api/contacts', { kind: 'person', displayName: 'Sam Martin', roles: ['journalist'], channels: [{ kind: 'email', value: 'sam@a.example' }] })).json().contact;
    const dup = (await comms.post('/api/contacts', {
      kind: 'person', displayName: 'S. Martin', beat: 'migrations', tags: ['nord'], notes: 'Rencontré à Calais',
      channels: [{ kind: 'email', value: 'sam.martin@b.example' }, { kind: 'phone', value: '06 11 22 33 44' }],
    })).json().contact;
    await comms.put(`/api/contact-lists/${listId}/members/${dup.id}`, {});
    await comms.post(`/api/contacts/${dup.id}/consents`, { listId, status: 'granted', method: 'paper', formVersion: 'v1' });
    await comms.post(`/api/contacts/${dup.id}/interactions`, { kind: 'covered', summary: 'Article du 3 mars' });

    const bad = await comms.post(`/api/contacts/${keep.id}/merge`, { duplicateId: keep.id });
    expect(bad.json().code).toBe('contact.merge_same');
    const res = await comms.post(`/api/contacts/${keep.id}/merge`, { duplicateId: dup.id });
    expect(res.statusCode, res.body).toBe(200);
    const merged = res.json().contact;
    expect(merged.displayName).toBe('Sam Martin');
    expect(merged.channels.map((c: { value: string }) => c.value).sort()).toEqual(['06 11 22 33 44', 'sam.martin@b.example', 'sam@a.example']);
    expect(merged).toMatchObject({ beat: 'migrations', tags: ['nord'], notes: 'Rencontré à Calais', roles: ['journalist'] });
    expect(merged.lists).toEqual([expect.objectContaining({ id: listId, status: 'granted' })]);
    expect(merged.consents[0]).toMatchObject({ method: 'paper', formVersion: 'v1' });
    expect(merged.timeline.map((i: { summary: string }) => i.summary)).toContain('Article du 3 mars');
    expect((await comms.get(`/api/contacts/${dup.id}`)).statusCode).toBe(404);
    expect(await auditCount('contact.merged')).toBe(1);
    // The channels moved with the merge: the kept contact is found by them.
    expect((await comms.get('/api/contacts?q=sam.martin@b.example')).json().contacts.map((c: { id: string }) => c.id)).toEqual([keep.id]);
  });
});

describe('suppression list and bounce review', () => {
  it('adds an address by hand with a reason, refuses it twice, removes it with a reason; both audited', async () => {
    const bad = await comms.post('/api/mail/suppressions', { address: 'nope', note: 'x' });
    expect(bad.json().code).toBe('contact.invalid_email');
    const added = await comms.post('/api/mail/suppressions', { address: 'Lou@Example.org', note: 'Demandé par téléphone' });
    expect(added.statusCode, added.body).toBe(201);
    const row = added.json().suppressions.find((s: { address: string }) => s.address === 'lou@example.org');
    expect(row).toMatchObject({ reason: 'manual', note: 'Demandé par téléphone', listName: null });
    expect((await comms.post('/api/mail/suppressions', { address: 'lou@example.org', note: 'encore' })).json().code).toBe('mail.already_suppressed');

    const noReason = await comms.post(`/api/mail/suppressions/${row.id}/remove`, {});
    expect(noReason.statusCode).toBe(400);
    const removed = await comms.post(`/api/mail/suppressions/${row.id}/remove`, { note: 'Réinscrite au salon' });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().suppressions.some((s: { address: string }) => s.address === 'lou@example.org')).toBe(false);
    expect(await auditCount('mail.suppression_added')).toBe(1);
    expect(await auditCount('mail.suppression_removed')).toBe(1);
  });

  it('a bounce that matched no pattern waits for review; classified hard it suppresses the address, ignored it does not', async () => {
    const insert = (address: string) => sql<{ id: string }>`INSERT INTO mail_bounces (organisation_id, address, state, excerpt)
      VALUES (${orgId}, ${address}, 'review', 'Something odd happened') RETURNING id`.execute(t.db).then((r) => r.rows[0]!.id);
    const hard = await insert('gone@example.org');
    const odd = await insert('odd@example.org');
    const queue = (await comms.get('/api/mail/bounces?state=review')).json().bounces;
    expect(queue.map((b: { id: string }) => b.id).sort()).toEqual([hard, odd].sort());

    expect((await comms.post(`/api/mail/bounces/${hard}/resolve`, { bounceType: 'invalid' })).statusCode).toBe(200);
    expect((await comms.post(`/api/mail/bounces/${odd}/resolve`, { bounceType: null })).statusCode).toBe(200);
    expect((await comms.get('/api/mail/bounces?state=review')).json().bounces).toHaveLength(0);
    const sup = (await comms.get('/api/mail/suppressions')).json().suppressions.map((s: { address: string; reason: string }) => [s.address, s.reason]);
    expect(sup).toContainEqual(['gone@example.org', 'hard_bounce']);
    expect(sup.some(([a]: [string]) => a === 'odd@example.org')).toBe(false);

    // The patterns are editable: a new expression and its threshold are kept in order.
    const patterns = (await comms.get('/api/mail/bounce-patterns')).json().patterns;
    const saved = await comms.put('/api/mail/bounce-patterns', { patterns: [{ pattern: 'something odd', bounceType: 'unknown', holdThreshold: 2 }, ...patterns.map(({ id: _, ...p }: { id: string }) => p)] });
    expect(saved.json().patterns[0]).toMatchObject({ pattern: 'something odd', holdThreshold: 2 });
    expect((await comms.put('/api/mail/bounce-patterns', { patterns: [{ pattern: '(', bounceType: 'unknown', holdThreshold: 2 }] })).json().code).toBe('bounce.invalid_pattern');
  });
});
