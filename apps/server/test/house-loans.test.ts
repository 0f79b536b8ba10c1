import { createHash, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '@vigie/domain';
import { sendLoanReminders } from '../src/modules/association/equipment/loan-reminders.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { mailText } from './mail-body.js';

/**
 * The house (issue 19): a coordinator hands a field phone and a set of keys to an observer, both
 * sign on the screen, and takes them back against a second signed form. Each form is a PDF whose
 * SHA-256 is in the audit trail; a phone still holding unsent records is not taken back; bad
 * input is refused with a clear message and nothing half-saved; overdue loans are reminded by mail.
 */
const run = promisify(execFile);
let t: TestVigie;
let admin: TestClient;
let coordinator: TestClient;
let observer: TestClient;
let observerId: string;
let work: string;

/** A finger-drawn signature: a stroke on a transparent pad, as the web pad exports it. */
async function drawnSignature(stroke = true): Promise<string> {
  const path = stroke ? '<path d="M10 70 C 60 10, 90 110, 140 50 S 230 20, 280 70" stroke="#111" stroke-width="4" fill="none"/>' : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120">${path}</svg>`;
  return (await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64');
}

async function download(c: TestClient, url: string) {
  const res = await t.vigie.app.inject({ method: 'GET', url, headers: { cookie: c.cookie } });
  return { statusCode: res.statusCode, bytes: res.rawPayload, type: res.headers['content-type'] };
}

async function pdfFacts(bytes: Buffer) {
  const path = join(work, `${randomUUID()}.pdf`);
  writeFileSync(path, bytes);
  const text = (await run('/usr/bin/pdftotext', [path, '-'])).stdout.replace(/\s+/g, ' ');
  // pdfimages lists each picture ("image") and its transparency ("smask") apart.
  const images = (await run('/usr/bin/pdfimages', ['-list', path])).stdout.split('\n').slice(2).filter((l) => /^\s*\d+\s+\d+\s+image\b/.test(l)).length;
  return { text, images };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function auditEntries(action: string) {
  return t.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
}

let phoneId: string;
let keysId: string;
let laptopId: string;
const deviceId = randomUUID();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'vigie-house-'));
  t = await startTestVigie();
  admin = await t.setUpAdmin();
  coordinator = await t.userWithRole(admin.user.organisationId, 'coordinator');
  observer = await t.userWithRole(admin.user.organisationId, 'observer');
  observerId = (await observer.get('/api/auth/me')).json().user.id;
  // The observer's phone registers its local store, as the field app does after the unlock code is chosen.
  expect((await observer.post('/api/field/devices', { id: deviceId, label: 'Android 14 · Chrome/131' })).statusCode).toBe(200);
  const add = async (body: object) => {
    const res = await coordinator.post('/api/association/equipment', body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().id as string;
  };
  phoneId = await add({ kind: 'field_phone', label: 'Téléphone terrain n° 3', identifier: '356938035643809', location: 'Bureau', deviceId });
  keysId = await add({ kind: 'keys', label: 'Clés appartement', identifier: '3 clés', location: 'Boîte à clés' });
  laptopId = await add({ kind: 'laptop', label: 'Portable comms', state: 'good' });
});
afterAll(async () => {
  await t?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('equipment loans signed on the screen', () => {
  let loanId: string;

  it('refuses an empty signature and saves nothing', async () => {
    const res = await coordinator.post('/api/association/loans', {
      borrowerId: observerId, itemIds: [phoneId, keysId], borrowerSignature: { drawnPng: await drawnSignature(false) },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('loan.borrower_signature_empty');
    expect(res.json().message).toMatch(/signature de l'emprunteur·se est vide/);
    expect((await coordinator.get('/api/association/loans')).json().loans).toEqual([]);
    const noSignature = await coordinator.post('/api/association/loans', { borrowerId: observerId, itemIds: [keysId], borrowerSignature: {} });
    expect(noSignature.json().code).toBe('loan.borrower_signature_empty');
  });

  it('hands a phone and keys over against one signed form whose SHA-256 is in the audit trail', async () => {
    const res = await coordinator.post('/api/association/loans', {
      borrowerId: observerId, itemIds: [phoneId, keysId], dueOn: parisDate(new Date()),
      borrowerSignature: { drawnPng: await drawnSignature() }, lenderSignature: { drawnPng: await drawnSignature() },
    });
    expect(res.statusCode, res.body).toBe(200);
    const loan = res.json();
    loanId = loan.id;
    expect(loan.items.map((i: { label: string }) => i.label).sort()).toEqual(['Clés appartement', 'Téléphone terrain n° 3']);
    expect(loan.documents).toHaveLength(1);
    const pdf = await download(coordinator, loan.documents[0].url);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(sha256(pdf.bytes)).toBe(loan.documents[0].sha256);
    const facts = await pdfFacts(pdf.bytes);
    expect(facts.text).toContain('DOCUMENT DE MISE À DISPOSITION');
    expect(facts.text).toContain('356938035643809');
    expect(facts.text).toContain('observer user');
    expect(facts.images).toBe(2); // both signatures, as drawn
    const [entry] = await auditEntries('loan.handed_over');
    expect(entry).toMatchObject({ entity_id: loanId, context: { pdfSha256: sha256(pdf.bytes), borrowerSignature: { method: 'drawn' } } });
    // The borrower has their own copy, and sees what they hold.
    expect((await download(observer, loan.documents[0].url)).statusCode).toBe(200);
    expect((await observer.get('/api/association/loans/mine')).json().loans.map((l: { id: string }) => l.id)).toEqual([loanId]);
  });

  it('refuses to lend an item that is already out, and rolls the whole hand-over back', async () => {
    const res = await coordinator.post('/api/association/loans', {
      borrowerId: observerId, itemIds: [laptopId, keysId], borrowerSignature: { typedName: 'Observer User' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'loan.item_already_out', message: expect.stringContaining('Clés appartement') });
    const laptop = (await coordinator.get('/api/association/equipment')).json().items.find((i: { id: string }) => i.id === laptopId);
    expect(laptop.out).toBeNull();
  });

  it('lists what is still out by person (the offboarding list)', async () => {
    const open = (await coordinator.get(`/api/association/loans?open=1&borrowerId=${observerId}`)).json().loans;
    expect(open).toHaveLength(1);
    expect(open[0].items).toHaveLength(2);
    const items = (await coordinator.get('/api/association/equipment')).json().items;
    expect(items.find((i: { id: string }) => i.id === keysId).out).toMatchObject({ loanId, borrowerId: observerId });
  });

  it('reminds the borrower and the lender of an overdue loan through the mail pipeline, once a week', async () => {
    const deps = { db: t.db, queue: t.vigie.ctx.queue, config: t.vigie.ctx.config };
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(await sendLoanReminders(deps, later)).toBe(1);
    const mail = await t.smtp.waitFor(observer.user.email);
    expect(mailText(mail.raw)).toContain('Clés appartement');
    expect(await sendLoanReminders(deps, later)).toBe(0);
    const deliveries = await t.db.selectFrom('mail_deliveries').select(['address']).execute();
    expect(deliveries.map((d) => d.address)).toContain(observer.user.email);
  });

  it('refuses a return dated before the hand-over', async () => {
    const res = await coordinator.post(`/api/association/loans/${loanId}/return`, {
      at: '2020-01-01T10:00:00+01:00', borrowerSignature: { drawnPng: await drawnSignature() },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('loan.return_before_loan');
  });

  it('does not take a field phone back while it reports unsent records, then does once it synced', async () => {
    await observer.get(`/api/field/devices/${deviceId}/status?pendingRecords=2&pendingMedia=1`);
    const refused = await coordinator.post(`/api/association/loans/${loanId}/return`, { borrowerSignature: { drawnPng: await drawnSignature() } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'loan.phone_not_empty', message: expect.stringContaining('2 observation(s) et 1 photo(s)') });
    expect((await coordinator.get(`/api/association/loans/${loanId}`)).json().returnedAt).toBeNull();

    await observer.get(`/api/field/devices/${deviceId}/status?pendingRecords=0&pendingMedia=0`);
    const res = await coordinator.post(`/api/association/loans/${loanId}/return`, {
      notes: 'Écran rayé', states: [{ itemId: phoneId, state: 'damaged' }],
      borrowerSignature: { drawnPng: await drawnSignature() }, lenderSignature: { typedName: 'Coordination' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const loan = res.json();
    expect(loan.returnedAt).not.toBeNull();
    expect(loan.documents.map((d: { kind: string }) => d.kind)).toEqual(['out', 'in']);
    const back = await download(coordinator, loan.documents[1].url);
    expect(sha256(back.bytes)).toBe(loan.documents[1].sha256);
    const facts = await pdfFacts(back.bytes);
    expect(facts.text).toContain('DOCUMENT DE RESTITUTION');
    expect(facts.text).toContain('endommagé');
    expect(facts.text).toContain('Coordination');
    // Two PDFs, two hashes in the audit trail.
    const hashes = [...await auditEntries('loan.handed_over'), ...await auditEntries('loan.returned')].map((e) => (e.context as { pdfSha256: string }).pdfSha256);
    expect(hashes).toEqual(loan.documents.map((d: { sha256: string }) => d.sha256));
    // The phone is back in the inventory, marked damaged; it can be lent again.
    const phone = (await coordinator.get('/api/association/equipment')).json().items.find((i: { id: string }) => i.id === phoneId);
    expect(phone).toMatchObject({ out: null, state: 'damaged' });
    expect((await coordinator.post(`/api/association/loans/${loanId}/return`, { borrowerSignature: { typedName: 'x' } })).json().code).toBe('loan.already_returned');
  });

  it('keeps the house to those who manage it; a borrower reads only their own forms', async () => {
    expect((await observer.get('/api/association/equipment')).statusCode).toBe(403);
    const other = await t.userWithRole(admin.user.organisationId, 'volunteer');
    const [doc] = (await coordinator.get(`/api/association/loans/${loanId}`)).json().documents;
    expect((await download(other, doc.url)).statusCode).toBe(404);
  });
});
