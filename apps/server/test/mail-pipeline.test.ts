import { ImapFlow } from 'imapflow';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { startImapServer } from './imap-server.js';
import { linkIn } from './mail-body.js';
import { queueMailing, queueOneMail } from '../src/modules/communication/mailings/mail-pipeline.js';

let t: TestVigie;
let imap: Awaited<ReturnType<typeof startImapServer>>;
let comms: TestClient;
let admin: TestClient;
let orgId: string;
let listId: string;
const addresses = ['ana@press.example', 'ben@press.example', 'cleo@press.example'];

beforeAll(async () => {
  imap = await startImapServer();
  // One try per delivery here, so a refused address reaches its final status without waiting for back-off.
  t = await startTestVigie({ BOUNCE_IMAP_URL: imap.url, MAIL_RATE_PER_SECOND: '200', MAIL_RETURN_PATH: 'bounce@hro.example', MAIL_MAX_ATTEMPTS: '1' });
  admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  comms = await t.userWithRole(orgId, 'comms');
  listId = (await comms.post('/api/contact-lists', { name: 'Presse', kind: 'static', legalBasis: 'legitimate_interest' })).json().list.id;
  for (const [i, email] of addresses.entries()) {
    const c = (await comms.post('/api/contacts', { kind: 'person', displayName: `Journaliste ${i}`, roles: ['journalist'], channels: [{ kind: 'email', value: email }] })).json().contact;
    await comms.put(`/api/contact-lists/${listId}/members/${c.id}`, {});
  }
}, 120_000);
afterAll(async () => { await t?.close(); await imap?.stop(); });

async function mailingDone(id: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const m = (await comms.get(`/api/mailings/${id}`)).json().mailing;
    if (m.counts.queued === 0 && m.counts.deferred === 0) return m;
    if (Date.now() > deadline) throw new Error(`mailing not done: ${JSON.stringify(m.counts)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A header's value, unfolded (long headers are folded over several lines). */
const header = (raw: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n(?=[ \t])/g, ''))?.[1]?.trim();
const tokenOf = (raw: string) => header(raw, 'X-Vigie-Delivery')!;

async function deliverToMailbox(message: string) {
  const c = new ImapFlow({ host: '127.0.0.1', port: imap.port, secure: false, auth: { user: imap.user, pass: imap.password }, logger: false });
  await c.connect();
  await c.append('INBOX', message);
  await c.logout();
}

function dsn(token: string, address: string, diagnostic: string, id: string) {
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.press.example>', `To: bounce+${token}@hro.example`, `Message-ID: <${id}@mx.press.example>`,
    'Subject: Undelivered Mail Returned to Sender', 'Content-Type: text/plain; charset=utf-8', '',
    `This is the mail system at host mx.press.example.`, '', `<${address}>: host mx.press.example said: ${diagnostic}`, '',
  ].join('\r\n');
}

describe('the outgoing mail pipeline', () => {
  it('refuses a list where no one may be mailed', async () => {
    const empty = (await comms.post('/api/contact-lists', { name: 'Vide', kind: 'static', legalBasis: 'consent' })).json().list;
    const res = await comms.post(`/api/contact-lists/${empty.id}/mailings`, { subject: 'Test', bodyText: 'Bonjour' });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('mailing.no_recipients');
  });

  it('sends one mail per recipient with RFC 8058 headers and a per-recipient return path; GET never unsubscribes, POST does', async () => {
    const res = await comms.post(`/api/contact-lists/${listId}/mailings`, { subject: 'Communiqué', bodyText: 'Au moins 73 expulsions.' });
    expect(res.statusCode, res.body).toBe(201);
    const done = await mailingDone(res.json().mailing.id);
    expect(done.counts.sent).toBe(3);
    const mails = await Promise.all(addresses.map((a) => t.smtp.waitFor(a)));
    for (const m of mails) {
      expect(m.to).toHaveLength(1);
      expect(header(m.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(header(m.raw, 'List-Unsubscribe')).toBe(`<http://localhost:3000/api/public/unsubscribe/${tokenOf(m.raw)}>`);
      expect(m.from).toBe(`bounce+${tokenOf(m.raw)}@hro.example`);
      expect(m.raw).not.toMatch(/<img|track/i);
    }
    const ben = mails[1]!;
    const url = `/api/public/unsubscribe/${tokenOf(ben.raw)}`;
    const anonymous = t.client();
    for (let i = 0; i < 2; i++) {
      const got = await anonymous.get(url);
      expect(got.statusCode).toBe(200);
      expect(got.json()).toMatchObject({ address: 'b…@press.example', unsubscribed: false, listName: 'Presse' });
    }
    // What a mail client sends for a one-click unsubscribe.
    const post = await anonymous.request('POST', url, 'List-Unsubscribe=One-Click', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(post.statusCode, post.body).toBe(200);
    expect(post.json().unsubscribed).toBe(true);
    expect((await anonymous.get(url)).json().unsubscribed).toBe(true);
    const ledger = await sql<{ status: string; method: string }>`SELECT status, method FROM consent_events ev JOIN contact_channels ch ON ch.contact_id = ev.contact_id
      WHERE ch.normalised = 'ben@press.example'`.execute(t.db);
    expect(ledger.rows).toEqual([{ status: 'withdrawn', method: 'one_click_unsubscribe' }]);
    expect((await anonymous.post('/api/public/unsubscribe/00000000000000000000000000000000')).statusCode).toBe(404);
  });

  it('marks a delivery failed, with the server’s reason, once its last try is refused; the others are sent', async () => {
    const list = (await comms.post('/api/contact-lists', { name: 'Presse locale', kind: 'static', legalBasis: 'legitimate_interest' })).json().list;
    for (const email of ['unreachable@press.example', 'dora@press.example']) {
      const c = (await comms.post('/api/contacts', { kind: 'person', displayName: email, roles: ['journalist'], channels: [{ kind: 'email', value: email }] })).json().contact;
      await comms.put(`/api/contact-lists/${list.id}/members/${c.id}`, {});
    }
    const res = await comms.post(`/api/contact-lists/${list.id}/mailings`, { subject: 'Communiqué local', bodyText: 'Bonjour.' });
    expect(res.statusCode, res.body).toBe(201);
    const done = await mailingDone(res.json().mailing.id);
    expect(done.counts).toMatchObject({ sent: 1, failed: 1, queued: 0, deferred: 0 });
    const failed = done.deliveries.find((d: { address: string }) => d.address === 'unreachable@press.example');
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toContain('Mailbox temporarily unavailable');
    await t.smtp.waitFor('dora@press.example');
    expect(t.smtp.mails.some((m) => m.to.includes('unreachable@press.example'))).toBe(false);
  });

  it('reads a hard bounce from the IMAP mailbox, suppresses the address, and the next send skips it; unknown bounces wait for review', async () => {
    const ana = await t.smtp.waitFor('ana@press.example');
    const cleo = await t.smtp.waitFor('cleo@press.example');
    await deliverToMailbox(dsn(tokenOf(ana.raw), 'ana@press.example', '550 5.1.1 <ana@press.example>: Recipient address rejected: User unknown', 'hard-1'));
    await deliverToMailbox(dsn(tokenOf(cleo.raw), 'cleo@press.example', 'Il y a un souci, rappelez-nous.', 'odd-1'));
    await deliverToMailbox('From: someone@example.org\r\nTo: bounce@hro.example\r\nSubject: Hello\r\n\r\nNot a bounce.\r\n');

    const polled = await comms.post('/api/mail/bounces/poll');
    expect(polled.statusCode, polled.body).toBe(200);
    expect(polled.json()).toEqual({ read: 3, recognised: 2, applied: 1, review: 1 });
    // Reading again finds nothing new, and unrelated mail is left unread and in place.
    expect((await comms.post('/api/mail/bounces/poll')).json()).toMatchObject({ read: 1, recognised: 0 });

    const sup = (await comms.get('/api/mail/suppressions')).json().suppressions;
    expect(sup.map((s: { address: string; reason: string }) => [s.address, s.reason]).sort()).toEqual([
      ['ana@press.example', 'hard_bounce'], ['ben@press.example', 'unsubscribed'],
    ]);
    const review = (await comms.get('/api/mail/bounces?state=review')).json().bounces;
    expect(review).toHaveLength(1);
    expect(review[0].address).toBe('cleo@press.example');

    t.smtp.mails.length = 0;
    const again = await comms.post(`/api/contact-lists/${listId}/mailings`, { subject: 'Deuxième', bodyText: 'Suite.' });
    const done = await mailingDone(again.json().mailing.id);
    // Ben withdrew from the list (not queued at all); Ana's address is suppressed at send time.
    expect(done.total).toBe(2);
    expect(done.counts).toMatchObject({ sent: 1, suppressed: 1 });
    await t.smtp.waitFor('cleo@press.example');
    expect(t.smtp.mails.map((m) => m.to[0])).toEqual(['cleo@press.example']);

    // A person decides the unknown one was a full mailbox: counted, not yet suppressed (threshold 3).
    const resolved = await comms.post(`/api/mail/bounces/${review[0].id}/resolve`, { bounceType: 'quota' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect((await comms.get('/api/mail/bounces?state=review')).json().bounces).toHaveLength(0);
    expect((await comms.get('/api/mail/suppressions')).json().suppressions).toHaveLength(2);
  });

  it('account mail and notifications go through the pipeline too: each its own suppression rule, no List-Unsubscribe, a status on the desk', async () => {
    // Ben left the press list (above) and asked by phone not to be contacted; Ana's address bounced for good.
    expect((await comms.post('/api/mail/suppressions', { address: 'ben@press.example', note: 'Au téléphone' })).statusCode).toBe(201);
    await t.userWithRole(orgId, 'observer', 'ben@press.example');
    await t.userWithRole(orgId, 'observer', 'ana@press.example');
    t.smtp.mails.length = 0;
    for (const email of ['ana@press.example', 'ben@press.example']) {
      expect((await t.client().post('/api/auth/password-reset/request', { email })).statusCode).toBe(202);
    }
    await t.db.transaction().execute(async (trx) => {
      for (const to of ['ben@press.example', 'cleo@press.example']) {
        await queueOneMail(trx, t.vigie.ctx, { organisationId: orgId, purpose: 'transactional', to, subject: 'Rappel', text: 'Un rappel.' });
      }
    });
    // A person must still be able to get into their account: only a hard bounce stops a reset.
    const reset = await t.smtp.waitFor('ben@press.example');
    expect(linkIn(reset.raw, '/reset/confirm')).toMatch(/\?token=[\w-]{40,}$/);
    expect(header(reset.raw, 'List-Unsubscribe')).toBeUndefined();
    expect(reset.from).toBe(`bounce+${tokenOf(reset.raw)}@hro.example`);
    const reminder = await t.smtp.waitFor('cleo@press.example');
    expect(header(reminder.raw, 'List-Unsubscribe')).toBeUndefined();

    type Row = { address: string; purpose: string; status: string; subject: string | null };
    const settled = async (client: TestClient, n: number) => {
      for (let i = 0; ; i++) {
        const rows = ((await client.get('/api/mail/deliveries')).json().deliveries as Row[])
          .filter((d) => d.purpose === 'account' || d.purpose === 'transactional');
        if ((rows.length >= n && rows.every((d) => d.status !== 'queued')) || i > 80) return rows;
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    // The administrator follows account mail (did the invitation, the reset leave?), and only that.
    const seenByAdmin = await settled(admin, 2);
    const status = (rows: Row[], purpose: string, address: string) => rows.find((d) => d.purpose === purpose && d.address === address)?.status;
    expect(status(seenByAdmin, 'account', 'ben@press.example')).toBe('sent');
    expect(status(seenByAdmin, 'account', 'ana@press.example')).toBe('suppressed');
    expect(seenByAdmin.some((d) => d.purpose !== 'account')).toBe(false);
    // The comms lead follows notifications, without their subject, and never sees who asked for a reset.
    const seenByComms = await settled(comms, 2);
    expect(seenByComms.some((d) => d.purpose === 'account')).toBe(false);
    expect(seenByComms.filter((d) => d.purpose === 'transactional').every((d) => d.subject === null)).toBe(true);
    // A notification stops at any suppression for every list (Ben's request); it reaches Cleo.
    expect(status(seenByComms, 'transactional', 'ben@press.example')).toBe('suppressed');
    expect(status(seenByComms, 'transactional', 'cleo@press.example')).toBe('sent');
    expect(t.smtp.mails.map((m) => m.to[0]).sort()).toEqual(['ben@press.example', 'cleo@press.example']);

    // Settled, sent or suppressed, they keep no subject, text or sealed link; bulk mail keeps what was published.
    const { rows } = await sql<{ bulk: boolean; subject: string; body_text: string; sealed_secret: string | null }>`
      SELECT bulk, subject, body_text, sealed_secret FROM mailings WHERE organisation_id = ${orgId}`.execute(t.db);
    expect(rows.filter((r) => !r.bulk).map((r) => [r.subject, r.body_text, r.sealed_secret])).toEqual(rows.filter((r) => !r.bulk).map(() => ['', '', null]));
    expect(rows.filter((r) => !r.bulk).length).toBeGreaterThanOrEqual(4);
    expect(rows.filter((r) => r.bulk).map((r) => r.subject)).toContain('Communiqué');
    expect(rows.filter((r) => r.bulk).every((r) => r.body_text.length > 0)).toBe(true);
  });

  it('sends a batch over a few pooled SMTP connections, each mail still to one recipient', async () => {
    const before = t.smtp.connections;
    t.smtp.mails.length = 0;
    const to = Array.from({ length: 30 }, (_, i) => `reader-${i}@pool.example`);
    const { mailingId } = await t.db.transaction().execute((trx) => queueMailing(trx, t.vigie.ctx.queue, {
      organisationId: orgId, purpose: 'transactional', sourceId: null, listId: null, subject: 'Digest', bodyText: 'Revue de presse du jour.',
      bulk: false, createdBy: null, recipients: to.map((email) => ({ contactId: null, email })),
    }));
    const done = await mailingDone(mailingId);
    expect(done.counts.sent).toBe(30);
    expect(t.smtp.mails.map((m) => m.to).sort()).toEqual(to.map((a) => [a]).sort());
    // MAIL_CONNECTIONS (5 by default) at most, where a connection per mail opened 30.
    expect(t.smtp.connections - before).toBeLessThanOrEqual(5);
    const { rows } = await sql<{ subject: string; body_text: string }>`SELECT subject, body_text FROM mailings WHERE id = ${mailingId}`.execute(t.db);
    expect(rows).toEqual([{ subject: '', body_text: '' }]);
  });

  it('patterns are editable and checked; an unreachable mailbox gives a clear status', async () => {
    const patterns = (await comms.get('/api/mail/bounce-patterns')).json().patterns;
    expect(patterns.length).toBeGreaterThan(3);
    const bad = await comms.put('/api/mail/bounce-patterns', { patterns: [{ pattern: '(unclosed', bounceType: 'invalid', holdThreshold: 1 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('bounce.invalid_pattern');
    const saved = await comms.put('/api/mail/bounce-patterns', { patterns: [...patterns.map(({ id: _, ...p }: { id: string }) => p), { pattern: 'rappelez-nous', bounceType: 'away', holdThreshold: 5 }] });
    expect(saved.json().patterns.at(-1)).toMatchObject({ pattern: 'rappelez-nous', bounceType: 'away', holdThreshold: 5 });

    await imap.stop();
    const down = await comms.post('/api/mail/bounces/poll');
    expect(down.statusCode).toBe(503);
    expect(down.json().code).toBe('bounce.mailbox_unreachable');
  });
});
