import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { euroAmountInFrench, parisDate } from '@vigie/domain';
import { verifyAuditChain } from '../src/platform/audit/verify-chain.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';

/**
 * Members and dues (issue 18, item 7): the register, a membership per year, gifts, dues receipts
 * and CERFA 11580 tax receipts numbered per year without repeats, each PDF's SHA-256 in the audit
 * trail, receipts never altered (a cancellation is a numbered receipt of its own); bad input
 * (amount of zero, a second membership for a year, tax receipts while not eligible) refused.
 */
const run = promisify(execFile);
let t: TestVigie;
let treasurer: TestClient;
let work: string;
let organisationId: string;
const year = Number(parisDate(new Date()).slice(0, 4));
const today = parisDate(new Date());

const SETTINGS = {
  legalName: 'Human Rights Observers', address: '12 rue des Dunes', postcode: '62100', city: 'Calais', registration: 'RNA W622000000',
  purpose: 'Observer et documenter les expulsions de lieux de vie informels', status: 'general_interest', taxReceiptsEnabled: false,
  signatoryName: 'Camille Martin', signatoryTitle: 'Trésorière',
};

async function pdfText(client: TestClient, receiptId: string) {
  const res = await t.vigie.app.inject({ method: 'GET', url: `/api/association/receipts/${receiptId}/pdf`, headers: { cookie: client.cookie } });
  expect(res.statusCode, res.body).toBe(200);
  const path = join(work, `${randomUUID()}.pdf`);
  writeFileSync(path, res.rawPayload);
  return { text: (await run('/usr/bin/pdftotext', [path, '-'])).stdout.replace(/\s+/g, ' '), sha256: createHash('sha256').update(res.rawPayload).digest('hex') };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'vigie-members-'));
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  organisationId = admin.user.organisationId;
  treasurer = await t.userWithRole(organisationId, 'board');
});
afterAll(async () => {
  await t?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('amounts in French words', () => {
  it('writes the amounts a receipt prints', () => {
    expect(euroAmountInFrench(12_345)).toBe('cent vingt-trois euros et quarante-cinq centimes');
    expect(euroAmountInFrench(8_000)).toBe('quatre-vingts euros');
    expect(euroAmountInFrench(7_100)).toBe('soixante et onze euros');
    expect(euroAmountInFrench(20_100)).toBe('deux cent un euros');
    expect(euroAmountInFrench(100)).toBe('un euro');
    expect(euroAmountInFrench(8_000_000)).toBe('quatre-vingt mille euros');
    expect(euroAmountInFrench(150_000)).toBe('mille cinq cents euros');
    expect(euroAmountInFrench(100_000_000)).toBe("un million d'euros");
    expect(euroAmountInFrench(5)).toBe('cinq centimes');
  });
});

describe('members, dues and receipts', () => {
  let memberId: string;
  let membershipId: string;
  let duesReceiptId: string;

  it('keeps the register: a member, a membership per year; refuses zero, a second year and a volunteer', async () => {
    expect((await treasurer.post('/api/association/members/00000000-0000-4000-8000-000000000000/memberships', {
      year, category: 'individual', amountCents: 2000, paidOn: today, method: 'cash',
    })).json().code).toBe('member.not_found');
    const m = await treasurer.post('/api/association/members', { fullName: 'Alex Dupont', address: '3 place d\'Armes', postcode: '62100', city: 'Calais', joinedOn: today });
    expect(m.statusCode, m.body).toBe(200);
    memberId = m.json().id;
    const zero = await treasurer.post(`/api/association/members/${memberId}/memberships`, { year, category: 'individual', amountCents: 0, paidOn: today, method: 'cash' });
    expect(zero.statusCode).toBe(400);
    expect(zero.json()).toMatchObject({ code: 'receipt.amount_zero', message: expect.stringContaining('montant nul') });
    const ms = await treasurer.post(`/api/association/members/${memberId}/memberships`, { year, category: 'reduced', amountCents: 1500, paidOn: today, method: 'cheque' });
    expect(ms.statusCode, ms.body).toBe(200);
    membershipId = ms.json().memberships[0].id;
    const again = await treasurer.post(`/api/association/members/${memberId}/memberships`, { year, category: 'individual', amountCents: 2000, paidOn: today, method: 'cash' });
    expect(again.json()).toMatchObject({ code: 'membership.duplicate_year', message: expect.stringContaining(String(year)) });
    const volunteer = await t.userWithRole(organisationId, 'volunteer');
    expect((await volunteer.get('/api/association/members')).statusCode).toBe(403);
  });

  it('issues a dues receipt only once the association identity is set, and reads it back', async () => {
    expect((await treasurer.post(`/api/association/memberships/${membershipId}/receipt`)).json().code).toBe('receipt.settings_missing');
    expect((await treasurer.put('/api/association/receipt-settings', SETTINGS)).statusCode).toBe(200);
    const r = await treasurer.post(`/api/association/memberships/${membershipId}/receipt`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ series: 'dues', kind: 'receipt', reference: `COT-${year}-0001`, amountCents: 1500, cancelledBy: null });
    duesReceiptId = r.json().id;
    expect((await treasurer.post(`/api/association/memberships/${membershipId}/receipt`)).json().code).toBe('receipt.already_issued');
    const { text, sha256 } = await pdfText(treasurer, duesReceiptId);
    expect(text).toContain('Reçu de cotisation');
    expect(text).toContain(`COT-${year}-0001`);
    expect(text).toContain('Alex Dupont');
    expect(text).toContain('quinze euros');
    expect(text).toContain('chèque');
    expect(sha256).toBe(r.json().pdfSha256);
    const entry = await t.db.selectFrom('audit_log').select('after').where('action', '=', 'receipt.issued').where('entity_id', '=', duesReceiptId).executeTakeFirstOrThrow();
    expect(entry.after).toMatchObject({ reference: `COT-${year}-0001`, pdfSha256: sha256 });
  });

  it('issues CERFA 11580 tax receipts for gifts only when eligible, numbered without repeats', async () => {
    const gift = await treasurer.post('/api/association/donations', {
      donorKind: 'person', donorName: 'Sacha Leroy', donorAddress: '5 rue Royale', donorPostcode: '59140', donorCity: 'Dunkerque', amountCents: 12_345,
      receivedOn: today, method: 'transfer',
    });
    expect(gift.statusCode, gift.body).toBe(200);
    const giftId = gift.json().id;
    expect((await treasurer.post(`/api/association/donations/${giftId}/tax-receipt`)).json()).toMatchObject({
      code: 'receipt.tax_not_eligible', message: expect.stringContaining('éligible'),
    });
    // A refused issue takes no number.
    await treasurer.put('/api/association/receipt-settings', { ...SETTINGS, taxReceiptsEnabled: true });
    const r = await treasurer.post(`/api/association/donations/${giftId}/tax-receipt`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().reference).toBe(`DON-${year}-0001`);
    const { text } = await pdfText(treasurer, r.json().id);
    for (const part of [
      "Reçu au titre des dons à certains organismes d'intérêt général", `DON-${year}-0001`, 'Human Rights Observers', '12 rue des Dunes', '62100 Calais',
      'Observer et documenter', "Œuvre ou organisme d'intérêt général", 'Sacha Leroy', '59140 Dunkerque', '123,45',
      'cent vingt-trois euros et quarante-cinq centimes', '200 du CGI', '238 bis du CGI', 'Déclaration de don manuel', 'Numéraire',
      'Virement, prélèvement, carte bancaire', 'Camille Martin',
    ]) expect(text).toContain(part);

    const zero = await treasurer.post('/api/association/donations', {
      donorKind: 'company', donorName: 'Entreprise', donorAddress: '1 quai', donorPostcode: '62100', donorCity: 'Calais', amountCents: 0, receivedOn: today, method: 'cash',
    });
    expect(zero.json().code).toBe('receipt.amount_zero');
    const company = (await treasurer.post('/api/association/donations', {
      donorKind: 'company', donorName: 'Boulangerie du Port', donorAddress: '1 quai', donorPostcode: '62100', donorCity: 'Calais', amountCents: 50_000,
      receivedOn: today, method: 'cheque',
    })).json();
    const second = (await treasurer.post(`/api/association/donations/${company.id}/tax-receipt`)).json();
    expect(second.reference).toBe(`DON-${year}-0002`);
    expect((await pdfText(treasurer, second.id)).text).toContain('cinq cents euros');
  });

  it('never alters a receipt: a cancellation is a numbered record, then a new receipt', async () => {
    await expect(sql`UPDATE receipts SET amount_cents = 1 WHERE id = ${duesReceiptId}`.execute(t.db)).rejects.toThrow(/never altered/);
    await expect(sql`DELETE FROM receipts WHERE id = ${duesReceiptId}`.execute(t.db)).rejects.toThrow(/never altered/);
    const cancelled = await treasurer.post(`/api/association/receipts/${duesReceiptId}/cancel`, { reason: 'Montant erroné' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ kind: 'cancellation', cancelsId: duesReceiptId, reference: `COT-${year}-0002` });
    expect((await treasurer.post(`/api/association/receipts/${duesReceiptId}/cancel`, { reason: 'encore' })).json().code).toBe('receipt.already_cancelled');
    expect((await treasurer.post(`/api/association/receipts/${cancelled.json().id}/cancel`, { reason: 'x' })).json().code).toBe('receipt.cancellation_final');
    const { text } = await pdfText(treasurer, cancelled.json().id);
    expect(text).toContain(`Le reçu n° COT-${year}-0001 est annulé`);
    expect(text).toContain('Montant erroné');
    const renewed = await treasurer.post(`/api/association/memberships/${membershipId}/receipt`);
    expect(renewed.json().reference).toBe(`COT-${year}-0003`);
    const register = (await treasurer.get('/api/association/members')).json();
    const receipts = register.members.find((m: { id: string }) => m.id === memberId).memberships[0].receipts;
    expect(receipts.map((r: { reference: string; cancelledBy: string | null }) => [r.reference, !!r.cancelledBy])).toEqual([
      [`COT-${year}-0001`, true], [`COT-${year}-0002`, false], [`COT-${year}-0003`, false],
    ]);
    expect(register.donations).toHaveLength(2);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
