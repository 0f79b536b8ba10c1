import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_CONSENT_TEXT_VERSION, withdrawalCodeFrom, withdrawalCodeHashInput } from '@vigie/domain';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { seedEviction } from './evidence-fixtures.js';
import { push } from './field-fixtures.js';

/**
 * Rounds and testimonies recorded on a phone without a network (issue 16, items 4 and 5), sent by
 * its outbox as `round.save` and `testimony.save`: the online routes' rules, replay by command id,
 * the withdrawal code made on the phone (only its hash travels), and who may send or read them.
 */
let t: TestVigie;
let observer: TestClient;
let otherObserver: TestClient;
let coordinator: TestClient;
let legal: TestClient;
let comms: TestClient;
let orgId: string;
let areaCode: string;
let siteId: string;

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  observer = await t.userWithRole(orgId, 'observer');
  otherObserver = await t.userWithRole(orgId, 'observer');
  coordinator = await t.userWithRole(orgId, 'coordinator');
  legal = await t.userWithRole(orgId, 'legal');
  comms = await t.userWithRole(orgId, 'comms');
  ({ areaCode, siteId } = await seedEviction(t, orgId, observer.user.id));
}, 120_000);
afterAll(async () => { await t?.close(); });

const roundCommand = (over: Record<string, unknown> = {}) => ({
  commandId: randomUUID(), baseVersion: null, type: 'round.save',
  record: {
    id: randomUUID(), areaCode, startedAt: '2026-12-01T05:30:00+01:00', endedAt: null, team: [], siteIds: [siteId],
    peopleMet: { n: 35, atLeast: true }, needs: { water: { n: 20, atLeast: true } }, distributed: [{ item: 'couvertures', count: { n: 12, atLeast: false } }],
    notes: 'Froid.', ...over,
  },
});

/** What the phone does offline: 12 random bytes make the code, and only its hash is sent. */
function phoneCode() {
  const code = withdrawalCodeFrom(new Uint8Array(randomBytes(12)));
  return { code, hash: createHash('sha256').update(withdrawalCodeHashInput(code)).digest('hex') };
}

const answers = { kept: true, quoted: true, statistics: true, court: false, partners: false };
function testimonyCommand(over: Record<string, unknown> = {}) {
  const { code, hash } = phoneCode();
  return {
    code,
    command: {
      commandId: randomUUID(), baseVersion: null, type: 'testimony.save',
      record: {
        id: randomUUID(), pseudonym: 'M. d’Érythrée', language: 'ar', givenOn: '2026-12-01', account: 'Ils ont coupé nos tentes au couteau.',
        quote: 'Ils ont coupé nos tentes.', withdrawalCodeHash: hash,
        consent: { answers, textVersion: CURRENT_CONSENT_TEXT_VERSION, shownIn: 'ar' }, ...over,
      },
    },
  };
}

const rounds = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM outreach_rounds`.execute(t.db)).rows[0]!.n);
const testimonies = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM testimonies`.execute(t.db)).rows[0]!.n);

describe(`rounds and testimonies from a phone's outbox (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('records a round pushed by the outbox once, however often it is replayed, as the online route would', async () => {
    const cmd = roundCommand();
    expect((await push(observer, [cmd]))[0]).toMatchObject({ status: 'applied', version: 1, error: null });
    expect((await push(observer, [cmd]))[0]).toMatchObject({ status: 'replayed', version: 1 });
    // Lost answer, resent under a new command id (the outbox replaced a refused one): still one round.
    expect((await push(observer, [{ ...cmd, commandId: randomUUID() }]))[0]!.status).toBe('applied');
    expect(Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM outreach_rounds WHERE id = ${cmd.record.id}`.execute(t.db)).rows[0]!.n)).toBe(1);
    const seen = await coordinator.get(`/api/rounds/${cmd.record.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().round).toMatchObject({ peopleMet: { n: 35, atLeast: true }, needs: { water: { n: 20, atLeast: true } }, sites: [expect.objectContaining({ id: siteId })] });
    expect(seen.json().round.team.map((m: { id: string }) => m.id)).toEqual([observer.user.id]);
    // Another observer's command with this round's id records nothing and says nothing of whose it is.
    const taken = await push(otherObserver, [{ ...cmd, commandId: randomUUID() }]);
    expect(taken[0]).toMatchObject({ status: 'rejected', error: { code: 'round.id_conflict' } });
  });

  it('refuses a bad round with the same rules as the online route, in French or English, and saves nothing', async () => {
    const before = await rounds();
    const cases = [
      [roundCommand({ areaCode: 'atlantis' }), 'field.unknown_area', 'secteur', 'area'],
      [roundCommand({ siteIds: [randomUUID()] }), 'field.unknown_site', 'lieu de vie', 'site'],
      [roundCommand({ startedAt: new Date(Date.now() + 3 * 3600_000).toISOString() }), 'field.invalid_record', 'futur', 'future'],
      [roundCommand({ peopleMet: { n: -4, atLeast: true } }), 'request.validation_failed', 'peopleMet', 'peopleMet'],
      // A person's location is not something a round can carry.
      [roundCommand({ position: { lat: 50.95, lon: 1.85 } }), 'request.validation_failed', 'position', 'position'],
    ] as const;
    const fr = await push(observer, cases.map(([c]) => c));
    fr.forEach((r, i) => {
      expect(r.status, JSON.stringify(r)).toBe('rejected');
      expect(r.error!.code).toBe(cases[i]![1]);
      expect(r.error!.message).toContain(cases[i]![2]);
    });
    await sql`UPDATE users SET locale = 'en' WHERE id = ${observer.user.id}`.execute(t.db);
    try {
      const en = await push(observer, cases.map(([c]) => ({ ...c, commandId: randomUUID() })));
      en.forEach((r, i) => {
        expect(r.status).toBe('rejected');
        expect(r.error!.message).toContain(cases[i]![3]);
        expect(r.error!.message).not.toBe(fr[i]!.error!.message);
      });
    } finally {
      await sql`UPDATE users SET locale = 'fr' WHERE id = ${observer.user.id}`.execute(t.db);
    }
    expect(await rounds()).toBe(before);
  });

  it('records a testimony taken offline with the code made on the phone: only its hash is kept, and the card withdraws it', async () => {
    const { code, command } = testimonyCommand();
    expect((await push(observer, [command]))[0]).toMatchObject({ status: 'applied', version: 1 });
    expect((await push(observer, [command]))[0]!.status).toBe('replayed');
    const row = (await sql<{ code_hash: string; account_enc: string }>`SELECT code_hash, account_enc FROM testimonies WHERE id = ${command.record.id}`.execute(t.db)).rows[0]!;
    expect(row.code_hash).toBe(command.record.withdrawalCodeHash);
    expect(row.account_enc).not.toContain('couteau');
    // Nothing of the account in clear anywhere the push wrote.
    const leaked = await sql<{ n: number }>`SELECT count(*)::int AS n FROM sync_commands WHERE result::text LIKE '%couteau%'`.execute(t.db);
    expect(leaked.rows[0]!.n).toBe(0);
    const read = await legal.get(`/api/testimonies/${command.record.id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().testimony).toMatchObject({ status: 'consented', language: 'ar', account: 'Ils ont coupé nos tentes au couteau.', consents: answers });
    expect(read.json().testimony.history[0]).toMatchObject({ shownIn: 'ar', textVersion: CURRENT_CONSENT_TEXT_VERSION, via: 'staff' });
    // The person's card works, typed with dashes and in lower case.
    const typed = code.toLowerCase().replace(/(.{4})(?=.)/g, '$1-');
    const withdrawn = await t.client().post('/api/public/testimony-withdrawals', { code: typed });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await legal.get(`/api/testimonies/${command.record.id}`)).json().testimony).toMatchObject({ status: 'withdrawn', account: null });
  });

  it('keeps a testimony without consent as a draft nothing can use, links it to a round recorded on the phone, and refuses bad ones whole', async () => {
    const round = roundCommand();
    const { command } = testimonyCommand({ consent: undefined, links: [{ target: 'round', id: round.record.id }] });
    // In outbox order: the round first, then the testimony taken during it.
    expect((await push(observer, [round, command])).map((r) => r.status)).toEqual(['applied', 'applied']);
    const draft = (await legal.get(`/api/testimonies/${command.record.id}`)).json().testimony;
    expect(draft.status).toBe('draft');
    expect(draft.links).toEqual([expect.objectContaining({ target: 'round', targetId: round.record.id })]);
    const quotes = (await comms.get('/api/testimonies/quotable')).json().quotes.map((q: { id: string }) => q.id);
    expect(quotes).not.toContain(command.record.id);

    const before = await testimonies();
    const bad = [
      [testimonyCommand({ links: [{ target: 'incident', id: randomUUID() }] }).command, 'testimony.unknown_target'],
      [testimonyCommand({ consent: { answers, textVersion: '1999-01', shownIn: 'ar' } }).command, 'testimony.unknown_consent_text'],
      [testimonyCommand({ withdrawalCodeHash: 'ABC123' }).command, 'request.validation_failed'],
      [testimonyCommand({ account: '' }).command, 'request.validation_failed'],
      [testimonyCommand({ withdrawalCode: 'K7QM-2XRD-9TBW' }).command, 'request.validation_failed'],
    ] as const;
    const results = await push(observer, bad.map(([c]) => c));
    results.forEach((r, i) => expect(r, JSON.stringify(r)).toMatchObject({ status: 'rejected', error: { code: bad[i]![1] } }));
    expect(await testimonies()).toBe(before);
  });

  it('lets only field roles send them; an observer never pulls testimonies back, nor reads another observer’s', async () => {
    const { command } = testimonyCommand();
    const refused = await comms.post('/api/sync/push', { commands: [command] });
    expect(refused.statusCode).toBe(403);
    expect((await push(observer, [command]))[0]!.status).toBe('applied');
    // Another observer sending the same testimony id learns nothing and records nothing.
    const other = await push(otherObserver, [{ ...command, commandId: randomUUID() }]);
    expect(other[0]).toMatchObject({ status: 'rejected', error: { code: 'testimony.not_found' } });
    expect((await otherObserver.get(`/api/testimonies/${command.record.id}`)).statusCode).toBe(404);
    for (const who of [observer, otherObserver]) {
      const pulled = await who.get('/api/sync/pull?since=0');
      expect(pulled.statusCode).toBe(200);
      expect(pulled.body).not.toContain(command.record.id);
      expect(pulled.body).not.toContain('couteau');
      expect(pulled.body).not.toContain('Érythrée');
    }
    const listed = (await coordinator.get('/api/testimonies')).json().testimonies.map((x: { id: string }) => x.id);
    expect(listed).toContain(command.record.id);
  });
});
