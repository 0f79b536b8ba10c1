import { randomUUID } from 'node:crypto';
import { addDays, format } from 'date-fns';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '@vigie/domain';
import { sendDeadlineReminders } from '../src/modules/legal/deadlines/deadline-reminders.js';
import { parseCalendarDate } from '../src/modules/legal/deadlines/compute-deadline.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { mailText } from './mail-body.js';

let t: TestVigie;
let legal: TestClient;
let coordinator: TestClient;
let observer: TestClient;
let orgId: string;
let caseId: string;
const legalEmail = `legal-${randomUUID().slice(0, 8)}@hro.example`;

const rule = async (code: string) => (await legal.get('/api/legal/deadline-rules')).json().rules.find((r: any) => r.code === code);
const today = () => parisDate(new Date());
const inDays = (n: number) => format(addDays(parseCalendarDate(today()), n), 'yyyy-MM-dd');

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  legal = await t.userWithRole(orgId, 'legal', legalEmail);
  coordinator = await t.userWithRole(orgId, 'coordinator');
  observer = await t.userWithRole(orgId, 'observer');
  caseId = (await legal.post('/api/legal/cases', { title: 'Recours arrêté anti-distribution', actionType: 'recours_exces_pouvoir' })).json().case.id;
});
afterAll(async () => { await t?.close(); });

describe(`deadlines (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('seeds the starting rules at set-up, each with its source in the law', async () => {
    const rules = (await legal.get('/api/legal/deadline-rules')).json().rules;
    const byCode = Object.fromEntries(rules.map((r: any) => [r.code, r]));
    expect(byCode.rep_annulation).toMatchObject({ amount: 2, unit: 'months', extendsToWorkingDay: true, actionType: 'recours_exces_pouvoir' });
    expect(byCode.rep_annulation.sourceNote).toContain('R421-1');
    expect(byCode.contestation_amende).toMatchObject({ amount: 45, unit: 'days' });
    expect(byCode.contestation_amende.sourceNote).toContain('529-2');
    expect(byCode.plainte_partie_civile_ouverture).toMatchObject({ amount: 3, unit: 'months', effect: 'opens' });
    expect(byCode.prescription_delit).toMatchObject({ amount: 6, unit: 'years' });
    expect(byCode.prescription_contravention).toMatchObject({ amount: 1, unit: 'years' });
    expect(byCode.prescription_crime).toMatchObject({ amount: 20, unit: 'years' });
    for (const r of rules) expect(r.sourceNote.length).toBeGreaterThan(20);
  });

  it('computes a deadline from a rule: 31 December + 2 months is Sunday 28 February 2027, moved to Monday 1 March', async () => {
    const rep = await rule('rep_annulation');
    const res = await legal.post(`/api/legal/cases/${caseId}/deadlines`, { ruleId: rep.id, triggerDate: '2026-12-31' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().deadline).toMatchObject({
      label: rep.label, triggerDate: '2026-12-31', dueOn: '2027-03-01', unextendedDueOn: '2027-02-28', state: 'upcoming', caseId,
      remindDaysBefore: [14, 7, 2],
    });
    expect(res.json().deadline.sourceNote).toContain('R421-1');
  });

  it('asks for the trigger date by name when it is missing, and saves nothing', async () => {
    const fine = await rule('contestation_amende');
    const before = (await legal.get(`/api/legal/deadlines?caseId=${caseId}`)).json().deadlines.length;
    const res = await legal.post(`/api/legal/cases/${caseId}/deadlines`, { ruleId: fine.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('deadline.trigger_missing');
    expect(res.json().message).toContain("Envoi de l'avis de contravention");
    expect((await legal.get(`/api/legal/deadlines?caseId=${caseId}`)).json().deadlines.length).toBe(before);
  });

  it('saves a deadline already past and flags it "past" (échéance dépassée) rather than hiding it', async () => {
    const fine = await rule('contestation_amende');
    const res = await legal.post(`/api/legal/cases/${caseId}/deadlines`, { ruleId: fine.id, triggerDate: '2025-01-02' });
    expect(res.statusCode).toBe(201);
    expect(res.json().deadline).toMatchObject({ dueOn: '2025-02-17', unextendedDueOn: '2025-02-16', state: 'past' });
    const calendar = (await legal.get('/api/legal/deadlines?from=2025-01-01&to=2025-12-31')).json().deadlines;
    expect(calendar.map((d: any) => [d.dueOn, d.state])).toContainEqual(['2025-02-17', 'past']);
    const done = await legal.patch(`/api/legal/cases/${caseId}/deadlines/${res.json().deadline.id}`, { done: true });
    expect(done.json().deadline.state).toBe('done');
  });

  it('lets the legal role edit a rule, later deadlines follow it and earlier ones keep their date', async () => {
    const fine = await rule('contestation_amende');
    const earlier = (await legal.post(`/api/legal/cases/${caseId}/deadlines`, { ruleId: fine.id, triggerDate: '2026-03-02' })).json().deadline;
    const { id, updatedAt, ...input } = fine;
    const changed = await legal.put(`/api/legal/deadline-rules/${id}`, { ...input, amount: 30, sourceNote: 'Délai modifié par la loi (test).' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await observer.put(`/api/legal/deadline-rules/${id}`, input)).statusCode).toBe(403);
    const later = (await legal.post(`/api/legal/cases/${caseId}/deadlines`, { ruleId: fine.id, triggerDate: '2026-03-02' })).json().deadline;
    expect(later.dueOn).toBe('2026-04-01');
    expect(later.sourceNote).toBe('Délai modifié par la loi (test).');
    const kept = (await legal.get(`/api/legal/deadlines?caseId=${caseId}`)).json().deadlines.find((d: any) => d.id === earlier.id);
    expect(kept.dueOn).toBe(earlier.dueOn);
    expect(kept.dueOn).toBe('2026-04-16');
    const audited = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'deadline_rule.changed' AND entity_id = ${id}`.execute(t.db);
    expect(audited.rows[0]!.n).toBe(1);
  });

  it('refuses deadline routes to roles without legal.manage', async () => {
    expect((await observer.get('/api/legal/deadlines')).statusCode).toBe(403);
    expect((await observer.post('/api/legal/calendar-feed')).statusCode).toBe(403);
    expect((await coordinator.get('/api/legal/deadlines')).statusCode).toBe(200);
  });

  it('publishes an iCal feed per user at a secret URL, with their deadlines and tasks, revocable', async () => {
    const own = (await legal.post(`/api/legal/cases/${caseId}/deadlines`, { label: 'Audience de référé', dueOn: '2027-05-12', ownerId: legal.user.id })).json().deadline;
    await legal.post(`/api/legal/cases/${caseId}/deadlines`, { label: 'Échéance du coordinateur', dueOn: '2027-06-01', ownerId: coordinator.user.id });
    await legal.post(`/api/legal/cases/${caseId}/tasks`, { title: 'Relire le mémoire', ownerId: legal.user.id, dueOn: '2027-05-10' });
    const created = await legal.post('/api/legal/calendar-feed');
    expect(created.statusCode).toBe(201);
    const { url } = created.json();
    expect(url).toMatch(/\/api\/legal\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await legal.get('/api/legal/calendar-feed')).json()).toMatchObject({ active: true, url: null });
    const path = new URL(url).pathname;
    const feed = await t.client().get(path);
    expect(feed.statusCode).toBe(200);
    expect(String(feed.headers['content-type'])).toContain('text/calendar');
    const ics = feed.body.replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`UID:deadline-${own.id}@vigie`);
    expect(ics).toContain('DTSTART;VALUE=DATE:20270512');
    expect(ics).toContain('Audience de référé — Recours arrêté anti-distribution');
    expect(ics).toContain('DTSTART;VALUE=DATE:20270510');
    expect(ics).toContain('Relire le mémoire');
    expect(ics).not.toContain('Échéance du coordinateur');
    // Deadlines without an owner belong to whoever opened the case: the REP deadline is there.
    expect(ics).toContain('DTSTART;VALUE=DATE:20270301');
    // A new link replaces the old one; revoking ends the new one.
    const renewed = (await legal.post('/api/legal/calendar-feed')).json().url;
    expect((await t.client().get(path)).statusCode).toBe(404);
    expect((await t.client().get(new URL(renewed).pathname)).statusCode).toBe(200);
    expect((await legal.delete('/api/legal/calendar-feed')).statusCode).toBe(204);
    const gone = await t.client().get(new URL(renewed).pathname);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('calendar_feed.not_found');
    const { rows } = await sql<{ token_hash: string }>`SELECT token_hash FROM legal_calendar_feeds WHERE user_id = ${legal.user.id}`.execute(t.db);
    for (const r of rows) expect(url).not.toContain(r.token_hash);
  });

  it('mails a reminder N days before to the owner through the SMTP server, once, and forgets its text once sent', async () => {
    const due = inDays(2);
    const created = await legal.post(`/api/legal/cases/${caseId}/deadlines`, { label: 'Mémoire en réplique', dueOn: due, ownerId: legal.user.id, remindDaysBefore: [2] });
    expect(created.statusCode).toBe(201);
    const deps = { db: t.db, queue: t.vigie.ctx.queue, config: t.vigie.ctx.config };
    // Not yet: three days before, nothing is due for this deadline.
    await sendDeadlineReminders(deps, inDays(-1));
    expect(t.smtp.mails.some((m) => mailText(m.raw).includes('Mémoire en réplique'))).toBe(false);
    expect(await sendDeadlineReminders(deps, today())).toBeGreaterThanOrEqual(1);
    const mail = await t.smtp.waitFor(legalEmail);
    const text = mailText(mail.raw);
    expect(text).toContain('Mémoire en réplique');
    expect(text).toContain('Recours arrêté anti-distribution');
    expect(text).toContain(`/legal/cases/${caseId}`);
    expect(text).toContain(format(parseCalendarDate(due), 'dd/MM/yyyy'));
    // Once sent, the reminder forgets what it said: the case's name is in no mailing any more,
    // while the desk still has its kind, recipient, status and time.
    const settled = async () => {
      for (let i = 0; i < 80; i += 1) {
        const { rows } = await sql<{ status: string; subject: string; body_text: string; purpose: string }>`
          SELECT d.status, m.subject, m.body_text, m.purpose FROM mail_deliveries d JOIN mailings m ON m.id = d.mailing_id
          WHERE d.address = ${legalEmail}`.execute(t.db);
        if (rows.length > 0 && rows.every((r) => r.status === 'sent' && r.body_text === '')) return rows;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error('the reminder was not settled');
    };
    expect((await settled()).every((r) => r.purpose === 'transactional' && r.subject === '')).toBe(true);
    const { rows: naming } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM mailings WHERE organisation_id = ${orgId}
        AND (subject LIKE '%anti-distribution%' OR body_text LIKE '%anti-distribution%' OR body_text LIKE '%Mémoire en réplique%')`.execute(t.db);
    expect(naming[0]!.n).toBe(0);
    const sentBefore = t.smtp.mails.length;
    expect(await sendDeadlineReminders(deps, today())).toBe(0);
    await new Promise((r) => setTimeout(r, 1500));
    expect(t.smtp.mails.length).toBe(sentBefore);
  });

  it('schedules the reminder job daily at 07:00 Paris time in pg-boss', async () => {
    const { rows } = await sql<{ name: string; cron: string; timezone: string }>`SELECT name, cron, timezone FROM pgboss.schedule WHERE name = 'legal.deadline-reminders'`.execute(t.db);
    expect(rows).toEqual([{ name: 'legal.deadline-reminders', cron: '0 7 * * *', timezone: 'Europe/Paris' }]);
  });
});
