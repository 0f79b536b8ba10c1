import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';

/**
 * Dues and gifts from a payment platform's export (issue 18, item 7): HelloAsso's payments CSV as
 * French Excel writes it (';', decimal commas, dd/mm/yyyy), a dry run that writes nothing and says
 * each row's fate (dues or gift, the member found by e-mail, a member made from a known contact or
 * a new one, refused with its reason, twice in the file, already imported), then the confirmation
 * recording every accepted row at once; the same file again records nothing.
 */
let t: TestVigie;
let treasurer: TestClient;
let jeanneId: string;

const HEADER = 'Référence paiement;Date du paiement;Montant;Type;Statut;Moyen de paiement;Nom payeur;Prénom payeur;Email payeur;Adresse payeur;Code postal payeur;Ville payeur';
const ROWS = [
  '1001;15/03/2026 10:12;20,00;Adhésion;Validé;Carte bancaire;Dupont;Jeanne;Jeanne@Example.org;;;', // line 2: dues, member found
  '1002;16/03/2026;"1 234,50 €";Don;Validé;Carte bancaire;Martin;Paul;paul@example.org;3 rue du Port;62100;Calais', // 3: gift
  '1003;17/03/2026;15,00;Adhésion;Validé;Prélèvement;Martin;Paul;paul@example.org;3 rue du Port;62100;Calais', // 4: dues, new member from the contact
  '1004;18/03/2026;10,00;Adhésion 2026;Validé;Carte bancaire;Neuf;Léa;lea@example.org;;;', // 5: dues, new member
  '1005;18/03/2026;0,00;Don;Validé;Carte bancaire;Zéro;Zoé;zoe@example.org;1 rue A;59000;Lille', // 6: refused, zero
  '1006;19/03/2026;30,00;Don;Remboursé;Carte bancaire;Rendu;Rémi;remi@example.org;1 rue B;59000;Lille', // 7: refused, refunded
  '1001;15/03/2026 10:12;20,00;Adhésion;Validé;Carte bancaire;Dupont;Jeanne;jeanne@example.org;;;', // 8: twice in the file
  '1007;31/02/2026;5,00;Don;Validé;Carte bancaire;Faux;Jour;jour@example.org;1 rue C;59000;Lille', // 9: refused, no such day
  '1008;20/03/2026;25,00;Don;Validé;Carte bancaire;Dupont;Jeanne;jeanne@example.org;;;', // 10: gift, the member's address
  '1009;21/03/2026;12,00;Adhésion;Validé;Carte bancaire;Dupont;Jeanne;jeanne@example.org;;;', // 11: refused, second dues of 2026
  '1010;22/03/2026;8,00;Adhésion;Validé;Carte bancaire;Sans;Adresse;;;;', // 12: refused, dues without e-mail
  '1011;23/03/2026;40,00;Don;Validé;Carte bancaire;Loin;Léon;leon@example.org;;;', // 13: refused, gift without an address
];
const file = (rows: string[]) => `\ufeff${[HEADER, ...rows].join('\r\n')}\r\n`;
const send = (step: 'dry-run' | 'commit', body: string) =>
  treasurer.request('POST', `/api/association/payment-import/${step}?fileName=helloasso-paiements.csv`, body, { 'content-type': 'text/csv' });

type Report = {
  committed: boolean; counts: Record<string, number>;
  rows: Array<{ line: number; outcome: string; match: { kind: string; name: string }; sameAsLine: number | null; amountCents: number | null; problems: Array<{ code: string; message: string }> }>;
};
async function count(table: 'members' | 'memberships' | 'donations') {
  return Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db)).rows[0]!.n);
}

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  treasurer = await t.userWithRole(admin.user.organisationId, 'coordinator');
  const jeanne = await treasurer.post('/api/association/members', {
    fullName: 'Jeanne Dupont', address: '12 rue des Dunes', postcode: '62100', city: 'Calais', email: 'jeanne@example.org', joinedOn: '2025-01-10',
  });
  expect(jeanne.statusCode, jeanne.body).toBe(200);
  jeanneId = jeanne.json().id;
  expect((await treasurer.post(`/api/association/members/${jeanneId}/memberships`, {
    year: 2025, category: 'individual', amountCents: 2000, paidOn: '2025-01-10', method: 'cheque',
  })).statusCode).toBe(200);
  const paul = await treasurer.post('/api/contacts', { kind: 'person', displayName: 'Paul Martin (presse)', channels: [{ kind: 'email', value: 'Paul@example.org' }] });
  expect(paul.statusCode, paul.body).toBe(201);
}, 120_000);
afterAll(async () => { await t?.close(); });

describe('payment platform import', () => {
  it('dry run says what each row becomes, for whom, or why not, and writes nothing', async () => {
    const before = await Promise.all([count('members'), count('memberships'), count('donations')]);
    const res = await send('dry-run', file(ROWS));
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<Report>();
    expect(r.committed).toBe(false);
    expect(r.counts).toEqual({ dues: 3, gift: 2, already_imported: 0, duplicate_in_file: 1, refused: 6, newMembers: 2, totalCents: 2000 + 123450 + 1500 + 1000 + 2500 });
    const line = (n: number) => r.rows.find((x) => x.line === n)!;
    expect(line(2)).toMatchObject({ outcome: 'dues', match: { kind: 'member', name: 'Jeanne Dupont' }, amountCents: 2000 });
    expect(line(3)).toMatchObject({ outcome: 'gift', amountCents: 123450, match: { kind: 'none' } });
    expect(line(4)).toMatchObject({ outcome: 'dues', match: { kind: 'contact', name: 'Paul Martin (presse)' } });
    expect(line(5)).toMatchObject({ outcome: 'dues', match: { kind: 'new_member', name: 'Léa Neuf' } });
    expect(line(6).problems[0]).toMatchObject({ code: 'amount_zero', message: expect.stringContaining('montant nul') });
    expect(line(7).problems[0]).toMatchObject({ code: 'not_paid', message: expect.stringContaining('Remboursé') });
    expect(line(8)).toMatchObject({ outcome: 'duplicate_in_file', sameAsLine: 2 });
    expect(line(9).problems[0]!.code).toBe('bad_date');
    expect(line(10)).toMatchObject({ outcome: 'gift', match: { kind: 'member', name: 'Jeanne Dupont' } });
    expect(line(11).problems[0]).toMatchObject({ code: 'dues_twice', message: expect.stringContaining('ligne 2') });
    expect(line(12).problems[0]!.code).toBe('email_needed');
    expect(line(13).problems[0]).toMatchObject({ code: 'address_needed', message: expect.stringContaining('reçu fiscal') });
    expect(await Promise.all([count('members'), count('memberships'), count('donations')])).toEqual(before);
  });

  it('confirming records every accepted row at once; the same file again records nothing', async () => {
    const res = await send('commit', file(ROWS));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Report>()).toMatchObject({ committed: true, counts: { dues: 3, gift: 2, refused: 6, newMembers: 2 } });

    const register = (await treasurer.get('/api/association/members')).json<{
      members: Array<{ id: string; fullName: string; email: string; contactId: string | null; memberships: Array<{ year: number; amountCents: number; method: string }> }>;
      donations: Array<{ donorName: string; donorCity: string; amountCents: number; memberId: string | null; method: string }>;
    }>();
    const jeanne = register.members.find((m) => m.id === jeanneId)!;
    expect(jeanne.memberships.map((m) => [m.year, m.amountCents, m.method])).toEqual([[2026, 2000, 'card'], [2025, 2000, 'cheque']]);
    const paul = register.members.find((m) => m.email === 'paul@example.org')!;
    expect(paul).toMatchObject({ fullName: 'Paul Martin', contactId: expect.any(String), memberships: [{ year: 2026, amountCents: 1500, method: 'direct_debit' }] });
    expect(register.members.find((m) => m.email === 'lea@example.org')).toMatchObject({ fullName: 'Léa Neuf', contactId: null });
    expect(register.donations).toEqual(expect.arrayContaining([
      expect.objectContaining({ donorName: 'Paul Martin', amountCents: 123450, memberId: null, donorCity: 'Calais' }),
      expect.objectContaining({ donorName: 'Jeanne Dupont', amountCents: 2500, memberId: jeanneId, donorCity: 'Calais' }),
    ]));
    const audit = await sql<{ after: { dues: number; gift: number } }>`
      SELECT after FROM audit_log WHERE action = 'payments.imported' UNION ALL SELECT after FROM audit_pending WHERE action = 'payments.imported'`.execute(t.db);
    expect(audit.rows.map((a) => [a.after.dues, a.after.gift])).toEqual([[3, 2]]);

    const counts = await Promise.all([count('members'), count('memberships'), count('donations')]);
    const again = await send('commit', file(ROWS));
    expect(again.statusCode, again.body).toBe(200);
    // The five payments recorded, and the row that repeated one of them.
    expect(again.json<Report>().counts).toMatchObject({ dues: 0, gift: 0, already_imported: 6, newMembers: 0 });
    expect(await Promise.all([count('members'), count('memberships'), count('donations')])).toEqual(counts);
  });

  it('a fixed row imported later is recorded alone', async () => {
    const fixed = ROWS.map((row) => row.replace('1011;23/03/2026;40,00;Don;Validé;Carte bancaire;Loin;Léon;leon@example.org;;;',
      '1011;23/03/2026;40,00;Don;Validé;Carte bancaire;Loin;Léon;leon@example.org;5 quai Est;59140;Dunkerque'));
    const res = await send('commit', file(fixed));
    expect(res.json<Report>().counts).toMatchObject({ gift: 1, dues: 0, already_imported: 6 });
  });

  it('refuses a file without the columns it needs, and is for those who run the association', async () => {
    const res = await send('dry-run', 'Nom;Email\r\nDupont;jeanne@example.org\r\n');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'payment_import.missing_columns', message: expect.stringContaining('référence du paiement') });
    const observer = await t.userWithRole(treasurer.user.organisationId, 'observer');
    const refused = await observer.request('POST', '/api/association/payment-import/dry-run', file(ROWS), { 'content-type': 'text/csv' });
    expect(refused.statusCode).toBe(403);
  });
});
