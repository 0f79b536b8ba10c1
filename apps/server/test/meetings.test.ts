import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/platform/audit/verify-chain.js';
import { verifyAllDecisions } from '../src/modules/association/meetings/decisions.service.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';

/**
 * Weekly meetings (issue 19): a series with its agenda template, items proposed by any member,
 * minutes taken during the meeting, decisions in an append-only log chained through the audit
 * trail (an altered entry is detected), actions with one owner carried to the next meeting until
 * done, minutes as PDF; a decision without text and an action without owner are refused.
 */
const run = promisify(execFile);
let t: TestVigie;
let coordinator: TestClient;
let volunteer: TestClient;
let volunteerId: string;
let seriesId: string;
let work: string;
let organisationId: string;

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000);
const day = (n: number) => inDays(n).toISOString().slice(0, 10);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'vigie-meetings-'));
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  organisationId = admin.user.organisationId;
  coordinator = await t.userWithRole(admin.user.organisationId, 'coordinator');
  volunteer = await t.userWithRole(admin.user.organisationId, 'volunteer');
  volunteerId = (await volunteer.get('/api/auth/me')).json().user.id;
  const series = await coordinator.post('/api/association/meeting-series', {
    title: 'Réunion d\'équipe', weekday: 1, startTime: '10:00', agendaTemplate: ['Planning et couverture', 'Retour du terrain', 'Suivi juridique'],
  });
  expect(series.statusCode, series.body).toBe(200);
  seriesId = series.json().id;
});
afterAll(async () => {
  await t?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('weekly meetings', () => {
  let first: string;
  let actionId: string;
  let decisionId: string;

  it('plans a meeting from the template; any member proposes an item beforehand', async () => {
    const res = await coordinator.post(`/api/association/meeting-series/${seriesId}/meetings`, { startsAt: inDays(-14).toISOString() });
    expect(res.statusCode, res.body).toBe(200);
    first = res.json().id;
    const proposed = await volunteer.post(`/api/association/meetings/${first}/agenda`, { title: 'Clés du local', notes: 'Un double manque' });
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json().agenda.map((a: { title: string; source: string }) => `${a.source}:${a.title}`)).toEqual([
      'template:Planning et couverture', 'template:Retour du terrain', 'template:Suivi juridique', 'proposed:Clés du local',
    ]);
    // Minutes and decisions only once the meeting is in progress.
    expect((await coordinator.post(`/api/association/meetings/${first}/decisions`, { text: 'x' })).json().code).toBe('meeting.not_in_progress');
    // A volunteer proposes; they do not run the meeting.
    expect((await volunteer.post(`/api/association/meetings/${first}/start`)).statusCode).toBe(403);
  });

  it('takes minutes, records decisions and refuses a decision without text and an action without owner', async () => {
    expect((await coordinator.post(`/api/association/meetings/${first}/start`)).json().status).toBe('in_progress');
    await coordinator.put(`/api/association/meetings/${first}/minutes`, { minutes: 'Présent·es : 6.\n\nTour de table du terrain.' });
    const empty = await coordinator.post(`/api/association/meetings/${first}/decisions`, { text: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'decision.text_missing', message: expect.stringContaining('sans texte') });
    const decided = await coordinator.post(`/api/association/meetings/${first}/decisions`, {
      text: 'Faire refaire un double des clés du local', context: 'Un seul trousseau pour huit personnes',
      agendaItemId: (await coordinator.get(`/api/association/meetings/${first}`)).json().agenda[3].id,
    });
    expect(decided.statusCode, decided.body).toBe(200);
    decisionId = decided.json().decisions[0].id;
    const noOwner = await coordinator.post(`/api/association/meetings/${first}/actions`, { title: 'Faire le double', ownerId: '', dueOn: day(-7) });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json()).toMatchObject({ code: 'action.owner_missing', message: expect.stringContaining('responsable') });
    expect((await coordinator.get(`/api/association/meetings/${first}`)).json().actions).toEqual([]);
    const action = await coordinator.post(`/api/association/meetings/${first}/actions`, { title: 'Faire le double des clés', ownerId: volunteerId, dueOn: day(-7), decisionId });
    expect(action.statusCode, action.body).toBe(200);
    actionId = action.json().actions[0].id;
    await coordinator.post(`/api/association/meetings/${first}/actions`, { title: 'Racheter des piles', ownerId: volunteerId, dueOn: day(-7) });
    const closed = await coordinator.post(`/api/association/meetings/${first}/close`);
    expect(closed.json().status).toBe('closed');
    expect((await coordinator.put(`/api/association/meetings/${first}/minutes`, { minutes: 'réécrit' })).json().code).toBe('meeting.not_in_progress');
  });

  it('carries open actions to the next meeting until they are done', async () => {
    const second = (await coordinator.post(`/api/association/meeting-series/${seriesId}/meetings`, { startsAt: inDays(-7).toISOString() })).json();
    expect(second.agenda.filter((a: { source: string }) => a.source === 'action').map((a: { title: string }) => a.title).sort())
      .toEqual(['Faire le double des clés', 'Racheter des piles']);
    expect(second.actions.map((a: { title: string; ownerName: string }) => a.ownerName)).toEqual(['volunteer user', 'volunteer user']);
    // The owner marks one done (they may: it is theirs); the next meeting carries only the other.
    expect((await volunteer.post(`/api/association/meeting-actions/${actionId}/done`)).statusCode).toBe(200);
    const third = (await coordinator.post(`/api/association/meeting-series/${seriesId}/meetings`, { startsAt: inDays(0).toISOString(), kind: 'retreat', title: 'Séminaire' })).json();
    expect(third.agenda.filter((a: { source: string }) => a.source === 'action').map((a: { title: string }) => a.title)).toEqual(['Racheter des piles']);
    expect(third.kind).toBe('retreat');
  });

  it('shows the board its home: the meetings to come and the actions still open, nothing published yet', async () => {
    await coordinator.post(`/api/association/meeting-series/${seriesId}/meetings`, { startsAt: inDays(3).toISOString(), title: 'Assemblée générale' });
    const board = await t.userWithRole(organisationId, 'board');
    const res = await board.get('/api/association/board-home');
    expect(res.statusCode, res.body).toBe(200);
    const home = res.json();
    // The meetings of the past fortnight and the one that began a moment ago are not "to come".
    expect(home.meetings.map((m: { title: string }) => m.title)).toEqual(['Assemblée générale']);
    expect(home.actions).toEqual([expect.objectContaining({ title: 'Racheter des piles', ownerName: 'volunteer user', dueOn: day(-7), overdue: true })]);
    expect(home).toMatchObject({ bulletins: [], pressReleases: [], reports: [], postings: [], overdueLoans: [] });
    // A volunteer does not run the association.
    expect((await volunteer.get('/api/association/board-home')).statusCode).toBe(403);
  });

  it('searches the decisions log, each decision with its context and meeting', async () => {
    const found = (await volunteer.get('/api/association/decisions?q=double')).json().decisions;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: decisionId, meetingId: first, meetingTitle: 'Réunion d\'équipe', context: 'Un seul trousseau pour huit personnes' });
    expect((await volunteer.get('/api/association/decisions?q=trousseau')).json().decisions).toHaveLength(1);
    expect((await volunteer.get('/api/association/decisions?q=inexistant')).json().decisions).toHaveLength(0);
  });

  it('gives the minutes as PDF with the decisions and actions', async () => {
    const res = await t.vigie.app.inject({ method: 'GET', url: `/api/association/meetings/${first}/minutes.pdf`, headers: { cookie: volunteer.cookie } });
    expect(res.statusCode).toBe(200);
    const path = join(work, `${randomUUID()}.pdf`);
    writeFileSync(path, res.rawPayload);
    const text = (await run('/usr/bin/pdftotext', [path, '-'])).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Faire refaire un double des clés du local');
    expect(text).toContain('Racheter des piles');
    expect(text).toContain('Tour de table du terrain.');
  });

  it('keeps the decisions log append-only and detects an altered entry', async () => {
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    expect(await verifyAllDecisions(t.db)).toEqual({ decisions: 1, altered: [] });
    // The table refuses any change, whoever asks.
    await expect(sql`UPDATE meeting_decisions SET text = 'Ne rien faire' WHERE id = ${decisionId}`.execute(t.db)).rejects.toThrow(/append-only/);
    // Someone with the database's keys rewrites the decision anyway: the log says so.
    await sql`ALTER TABLE meeting_decisions DISABLE TRIGGER meeting_decisions_append_only`.execute(t.db);
    await sql`UPDATE meeting_decisions SET text = 'Ne rien faire' WHERE id = ${decisionId}`.execute(t.db);
    await sql`ALTER TABLE meeting_decisions ENABLE TRIGGER meeting_decisions_append_only`.execute(t.db);
    expect((await verifyAllDecisions(t.db)).altered).toEqual([{ id: decisionId, problem: 'content_changed' }]);
    expect((await coordinator.get('/api/association/decisions/check')).json().altered).toHaveLength(1);
    // …and rewriting the audit entry to match breaks the hash chain at that entry.
    const entry = await t.db.selectFrom('audit_log').select(['seq', 'after']).where('action', '=', 'decision.recorded').where('entity_id', '=', decisionId).executeTakeFirstOrThrow();
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(t.db);
    await sql`UPDATE audit_log SET after = jsonb_set(after, '{text}', '"Ne rien faire"') WHERE seq = ${entry.seq}`.execute(t.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(t.db);
    const report = await verifyAuditChain(t.db);
    expect(report.problems).toContainEqual(expect.objectContaining({ seq: Number(entry.seq), problem: 'altered' }));
  });
});
