import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';

/**
 * Interns under French law: the signed convention before the start, the gratification due beyond
 * 308 hours in the school year (its minimum 15 % of the year's hourly ceiling, a setting), and the
 * quotas (3 interns per tutor, 3 per organisation under 20 staff, else 15 %) refused clearly.
 */
let t: TestVigie;
let coordinator: TestClient;
const ids: string[] = [];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  coordinator = await t.userWithRole(admin.user.organisationId, 'coordinator');
  for (let i = 0; i < 7; i += 1) ids.push((await (await t.userWithRole(admin.user.organisationId, 'observer')).get('/api/auth/me')).json().user.id);
}, 120_000);
afterAll(async () => { await t?.close(); });

type View = { id: string; person: { id: string }; gratificationDue: boolean; minimumHourlyCents: number | null; status: string; schoolYearHours: number };
const record = (personId: string, tutorId: string, startsOn: string, endsOn: string, weeklyHours = 35) =>
  coordinator.post('/api/association/internships', { personId, tutorId, school: 'Université de Lille', startsOn, endsOn, weeklyHours });
const latest = (res: { json: () => { internships: View[] } }, personId: string, startsOn?: string) =>
  res.json().internships.find((i) => i.person.id === personId && (!startsOn || (i as unknown as { startsOn: string }).startsOn === startsOn))!;

describe('internships', () => {
  it('cannot start without the signed convention, and a due gratification needs the year’s ceiling', async () => {
    const [intern, tutor] = [ids[0]!, ids[1]!];
    // 12 weeks at 35 h: 420 h, beyond 308 h.
    const made = await record(intern, tutor, '2026-09-07', '2026-11-27');
    expect(made.statusCode, made.body).toBe(200);
    const stage = latest(made, intern);
    expect(stage).toMatchObject({ gratificationDue: true, minimumHourlyCents: null, status: 'planned', schoolYearHours: 420 });

    const missing = await coordinator.post(`/api/association/internships/${stage.id}/start`, {});
    expect(missing.statusCode).toBe(409);
    expect(missing.json()).toMatchObject({ code: 'internship.convention_missing', message: expect.stringContaining('convention de stage') });

    const fake = await coordinator.put(`/api/association/internships/${stage.id}/convention`, { file: { name: 'convention.pdf', contentBase64: Buffer.from('MZ\x90\x00not a pdf at all').toString('base64') } });
    expect(fake.statusCode).toBe(415);
    const signed = await coordinator.put(`/api/association/internships/${stage.id}/convention`, { file: { name: 'convention.pdf', contentBase64: PDF.toString('base64') } });
    expect(signed.statusCode, signed.body).toBe(200);

    const noCeiling = await coordinator.post(`/api/association/internships/${stage.id}/start`, {});
    expect(noCeiling.json()).toMatchObject({ code: 'internship.ceiling_missing', message: expect.stringContaining('2026') });

    const set = await coordinator.put('/api/association/internship-settings', { staffHeadcount: 8, ceilings: [{ year: 2026, hourlyCeilingCents: 2900 }] });
    expect(set.statusCode, set.body).toBe(200);
    expect(latest(set, intern).minimumHourlyCents).toBe(435);
    const started = await coordinator.post(`/api/association/internships/${stage.id}/start`, {});
    expect(started.statusCode, started.body).toBe(200);
    expect(latest(started, intern).status).toBe('started');
    expect((await coordinator.post(`/api/association/internships/${stage.id}/start`, {})).json().code).toBe('internship.already_started');
  });

  it('two short internships in the same school year add up to the two months', async () => {
    const [intern, tutor] = [ids[2]!, ids[1]!];
    const first = await record(intern, tutor, '2027-05-03', '2027-06-11'); // 30 days × 7 h = 210 h
    expect(latest(first, intern, '2027-05-03').gratificationDue).toBe(false);
    const second = await record(intern, tutor, '2027-08-02', '2027-08-27'); // + 140 h = 350 h
    expect(second.statusCode, second.body).toBe(200);
    expect(latest(second, intern, '2027-05-03')).toMatchObject({ gratificationDue: true, schoolYearHours: 350 });
  });

  it('refuses a fourth intern for a tutor, and beyond the organisation’s cap until the headcount allows it', async () => {
    const [tutorA, tutorB] = [ids[5]!, ids[6]!];
    for (const intern of ids.slice(0, 3)) expect((await record(intern, tutorA, '2028-01-03', '2028-02-25')).statusCode).toBe(200);
    const tutorFull = await record(ids[3]!, tutorA, '2028-02-21', '2028-03-31');
    expect(tutorFull.statusCode).toBe(409);
    expect(tutorFull.json()).toMatchObject({ code: 'internship.tutor_full', message: expect.stringContaining('au plus 3') });
    // 8 staff: at most 3 interns in a same week.
    const orgFull = await record(ids[3]!, tutorB, '2028-02-21', '2028-03-31');
    expect(orgFull.json()).toMatchObject({ code: 'internship.organisation_full', message: expect.stringContaining('limite de 3') });
    // The week after the three end, there is room.
    expect((await record(ids[3]!, tutorB, '2028-02-28', '2028-03-31')).statusCode).toBe(200);
    // 40 staff: 15 % = 6.
    await coordinator.put('/api/association/internship-settings', { staffHeadcount: 40, ceilings: [{ year: 2026, hourlyCeilingCents: 2900 }] });
    expect((await record(ids[4]!, tutorB, '2028-02-21', '2028-03-31')).statusCode).toBe(200);
  });

  it('refuses more than six months of presence per school year here, the person’s internships added up', async () => {
    const intern = (await (await t.userWithRole((await coordinator.get('/api/auth/me')).json().user.organisationId, 'observer')).get('/api/auth/me')).json().user.id;
    // 25 weeks full time: 875 h of the 924 h allowed.
    expect((await record(intern, ids[5]!, '2029-09-03', '2030-02-22')).statusCode).toBe(200);
    // Four more weeks in May: 1,015 h in the school year 2029-2030.
    const tooLong = await record(intern, ids[5]!, '2030-05-06', '2030-05-31');
    expect(tooLong.statusCode).toBe(409);
    expect(tooLong.json()).toMatchObject({ code: 'internship.too_long', message: expect.stringMatching(/six mois.*924 heures.*1015.*2029-2030/) });
    // The next school year starts afresh.
    expect((await record(intern, ids[5]!, '2030-09-02', '2030-10-25')).statusCode).toBe(200);
  });

  it('lists interns in the staff register in order of arrival, with school, tutor and dates', async () => {
    const res = await coordinator.get('/api/association/staff-register');
    expect(res.statusCode, res.body).toBe(200);
    const register = res.json<{ organisation: string; interns: Array<{ order: number; startsOn: string; school: string; tutor: string; name: string; place: string; status: string }> }>();
    expect(register.interns.length).toBeGreaterThanOrEqual(10);
    expect(register.interns.map((i) => i.order)).toEqual(register.interns.map((_, n) => n + 1));
    const starts = register.interns.map((i) => i.startsOn);
    expect(starts).toEqual([...starts].sort());
    expect(register.interns[0]).toMatchObject({ startsOn: '2026-09-07', school: 'Université de Lille', status: 'started', place: register.organisation });
    expect(register.interns[0]!.tutor).not.toBe('');
  });

  it('is for those who run the association', async () => {
    const observer = await t.userWithRole((await coordinator.get('/api/auth/me')).json().user.organisationId, 'observer');
    expect((await observer.get('/api/association/internships')).statusCode).toBe(403);
    expect((await observer.get('/api/association/staff-register')).statusCode).toBe(403);
  });
});
