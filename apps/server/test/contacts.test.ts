import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';

let t: TestVigie;
let comms: TestClient;
let observer: TestClient;
let orgId: string;

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  comms = await t.userWithRole(orgId, 'comms');
  observer = await t.userWithRole(orgId, 'observer');
});
afterAll(async () => { await t?.close(); });

async function newContact(body: Record<string, unknown>) {
  const res = await comms.post('/api/contacts', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().contact;
}

async function auditEntries(action: string, entityId: string) {
  const r = await sql<{ before: unknown; after: unknown; context: unknown }>`
    SELECT before, after, context FROM audit_log WHERE action = ${action} AND entity_id = ${entityId}
    UNION ALL SELECT before, after, context FROM audit_pending WHERE action = ${action} AND entity_id = ${entityId}`.execute(t.db);
  return r.rows;
}

describe('contacts registry', () => {
  it('saves people with their organisation, roles and channels; refuses duplicates and bad addresses in the user\'s language', async () => {
    const newsroom = await newContact({ kind: 'organisation', displayName: 'La Voix du Nord', organisationType: 'newsroom' });
    const person = await newContact({
      kind: 'person', displayName: 'Camille Journaliste', employerId: newsroom.id, jobTitle: 'Reporter', beat: 'migrations, Calais',
      languages: ['fr', 'en'], roles: ['journalist'], tags: ['Presse-Locale'],
      channels: [{ kind: 'email', value: 'Camille@VDN.example' }, { kind: 'phone', value: '06 12 34 56 78' }],
    });
    expect(person.employerName).toBe('La Voix du Nord');
    expect(person.tags).toEqual(['presse-locale']);
    expect(person.channels.map((c: { value: string }) => c.value)).toEqual(['Camille@VDN.example', '06 12 34 56 78']);

    const dup = await comms.post('/api/contacts', { kind: 'person', displayName: 'C. J.', channels: [{ kind: 'email', value: 'camille@vdn.example ' }] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('contact.duplicate_channel');
    expect(dup.json().message).toContain('Camille Journaliste');
    const dupPhone = await comms.post('/api/contacts', { kind: 'person', displayName: 'X', channels: [{ kind: 'phone', value: '+33612345678' }] });
    expect(dupPhone.json().code).toBe('contact.duplicate_channel');

    const bad = await comms.request('POST', '/api/contacts', { kind: 'person', displayName: 'X', channels: [{ kind: 'email', value: 'not-an-address' }] }, { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('contact.invalid_email');
    const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM contacts WHERE display_name = 'X'`.execute(t.db);
    expect(count.rows[0]!.n).toBe(0);

    const found = await comms.get('/api/contacts?q=vdn.example');
    expect(found.json().contacts.map((c: { displayName: string }) => c.displayName)).toEqual(['Camille Journaliste']);
    const byRole = await comms.get('/api/contacts?role=journalist&tag=presse-locale');
    expect(byRole.json().contacts).toHaveLength(1);
    const byBeat = await comms.get('/api/contacts?q=Calais');
    expect(byBeat.json().contacts).toHaveLength(1);
    // One search column: the employer's name, a tag, a phone as typed, any case and accents.
    const names = async (q: string) => (await comms.get(`/api/contacts?${new URLSearchParams({ q })}`)).json().contacts.map((c: { displayName: string }) => c.displayName).sort();
    expect(await names('voix du NORD')).toEqual(['Camille Journaliste', 'La Voix du Nord']);
    expect(await names('presse-locale')).toEqual(['Camille Journaliste']);
    expect(await names('06 12 34')).toEqual(['Camille Journaliste']);
    await newContact({ kind: 'person', displayName: 'Inès Núñez-Œuvray' });
    expect(await names('ines nunez-oeuvray')).toEqual(['Inès Núñez-Œuvray']);
    expect(await names('INÈS')).toEqual(['Inès Núñez-Œuvray']);
    // The newsroom renamed: its people are found by the new name.
    await sql`UPDATE contacts SET display_name = 'La Voix du Littoral' WHERE id = ${newsroom.id}`.execute(t.db);
    expect(await names('littoral')).toEqual(['Camille Journaliste', 'La Voix du Littoral']);
    expect((await observer.get('/api/contacts')).statusCode).toBe(403);

    // The search reads through contact_search (the trigram index, where row-level security would
    // scan): the organisation's rule still holds. Another observatory's Camille is never found,
    // and without an organisation in the transaction the function returns nothing.
    const orgB = (await t.db.insertInto('organisations').values({ name: 'Other Observatory' }).returning('id').executeTakeFirstOrThrow()).id;
    await t.db.insertInto('contacts').values({ organisation_id: orgB, kind: 'person', display_name: 'Camille Ailleurs' }).execute();
    expect(await names('camille')).toEqual(['Camille Journaliste']);
    // Text with another filter: every match read, then filtered (text alone reads one page, in name order).
    const people = (await comms.get('/api/contacts?q=camille&kind=person')).json().contacts.map((c: { displayName: string }) => c.displayName);
    expect(people).toEqual(['Camille Journaliste']);
    const asApp = (org: string | null) => t.db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('vigie.organisation_id', ${org ?? ''}, true), set_config('role', 'vigie_app', true)`.execute(trx);
      return (await sql<{ display_name: string }>`SELECT display_name FROM contact_search('%camille%')`.execute(trx)).rows.map((r) => r.display_name);
    });
    expect(await asApp(orgB)).toEqual(['Camille Ailleurs']);
    expect(await asApp(null)).toEqual([]);

    const read = await comms.get(`/api/contacts/${person.id}`);
    expect(read.statusCode).toBe(200);
    expect(await auditEntries('contact.read', person.id)).toHaveLength(1);
  });

  it('keeps a consent ledger per list and channel with who, when, how and the form text; the latest event decides', async () => {
    const list = (await comms.post('/api/contact-lists', { name: 'Lettre d\'information FR', kind: 'static', legalBasis: 'consent' })).json().list;
    const dupList = await comms.post('/api/contact-lists', { name: 'lettre d\'information fr', kind: 'static', legalBasis: 'consent' });
    expect(dupList.json().code).toBe('contact_list.name_taken');
    const person = await newContact({ kind: 'person', displayName: 'Dominique Adhérente', roles: ['member'], channels: [{ kind: 'email', value: 'dom@example.org' }] });
    const other = await newContact({ kind: 'person', displayName: 'Sans consentement', channels: [{ kind: 'email', value: 'nope@example.org' }] });
    for (const c of [person, other]) expect((await comms.put(`/api/contact-lists/${list.id}/members/${c.id}`, {})).statusCode).toBe(200);

    let lists = (await comms.get('/api/contact-lists')).json().lists;
    expect(lists.find((l: { id: string }) => l.id === list.id)).toMatchObject({ members: 2, mailable: 0 });

    const granted = await comms.post(`/api/contacts/${person.id}/consents`, {
      listId: list.id, channel: 'email', status: 'granted', method: 'paper', formVersion: 'adhésion-2026-v2', formText: 'J\'accepte de recevoir la lettre.',
    });
    expect(granted.statusCode, granted.body).toBe(200);
    lists = (await comms.get('/api/contact-lists')).json().lists;
    expect(lists.find((l: { id: string }) => l.id === list.id)).toMatchObject({ members: 2, mailable: 1 });

    const withdrawn = (await comms.post(`/api/contacts/${person.id}/consents`, { listId: list.id, status: 'withdrawn', method: 'email', note: 'demande par courriel' })).json().contact;
    expect(withdrawn.consents.map((e: { status: string }) => e.status)).toEqual(['withdrawn', 'granted']);
    expect(withdrawn.consents[1]).toMatchObject({ method: 'paper', formVersion: 'adhésion-2026-v2', formText: 'J\'accepte de recevoir la lettre.' });
    expect(withdrawn.consents[1].recordedByName).toBeTruthy();
    expect(withdrawn.lists).toEqual([expect.objectContaining({ id: list.id, status: 'withdrawn', mayMail: false })]);

    // The ledger is append-only for the application role.
    await expect(t.db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('vigie.organisation_id', ${orgId}, true), set_config('role', 'vigie_app', true)`.execute(trx);
      await sql`UPDATE consent_events SET status = 'granted'`.execute(trx);
    })).rejects.toThrow(/permission denied/);
  });

  it('a legitimate-interest list mails until an objection; do-not-contact always wins', async () => {
    const press = (await comms.post('/api/contact-lists', { name: 'Presse régionale', kind: 'saved_filter', legalBasis: 'legitimate_interest', filter: { role: 'journalist' } })).json().list;
    const a = await newContact({ kind: 'person', displayName: 'Alex Reporter', roles: ['journalist'], channels: [{ kind: 'email', value: 'alex@press.example' }] });
    const b = await newContact({ kind: 'person', displayName: 'Bo Reporter', roles: ['journalist'], channels: [{ kind: 'email', value: 'bo@press.example' }] });
    const mailable = async () => (await comms.get('/api/contact-lists')).json().lists.find((l: { id: string }) => l.id === press.id).mailable;
    const before = await mailable();
    await comms.post(`/api/contacts/${a.id}/consents`, { listId: press.id, status: 'objected', method: 'email' });
    expect(await mailable()).toBe(before - 1);
    const flagged = (await comms.put(`/api/contacts/${b.id}/do-not-contact`, { channel: 'email', reason: 'Demande de ne plus être contacté' })).json().contact;
    expect(flagged.doNotContact).toBe(true);
    expect(await mailable()).toBe(before - 2);
    const added = await comms.put(`/api/contact-lists/${press.id}/members/${a.id}`, {});
    expect(added.json().code).toBe('contact_list.not_static');
  });

  it('exports a person\'s data and erases it, recording the erasure without the data', async () => {
    const person = await newContact({
      kind: 'person', displayName: 'Effacer Moi', notes: 'rencontré au forum', channels: [{ kind: 'email', value: 'erase.me@example.org' }],
    });
    await comms.post(`/api/contacts/${person.id}/interactions`, { kind: 'asked', summary: 'A demandé les chiffres de mars' });
    const exported = await comms.get(`/api/contacts/${person.id}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('attachment');
    expect(exported.json().contact).toMatchObject({ displayName: 'Effacer Moi', notes: 'rencontré au forum' });
    expect(exported.json().contact.timeline[0].summary).toBe('A demandé les chiffres de mars');

    const erased = await comms.delete(`/api/contacts/${person.id}`);
    expect(erased.statusCode, erased.body).toBe(200);
    expect((await comms.get(`/api/contacts/${person.id}`)).statusCode).toBe(404);
    const left = await sql<{ n: number }>`SELECT (SELECT count(*) FROM contact_channels WHERE normalised = 'erase.me@example.org')
      + (SELECT count(*) FROM contact_interactions WHERE contact_id = ${person.id})::int AS n`.execute(t.db);
    expect(Number(left.rows[0]!.n)).toBe(0);
    const entries = await auditEntries('contact.erased', person.id);
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toMatch(/Effacer|erase\.me|forum/);
  });
});
