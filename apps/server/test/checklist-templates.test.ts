import { parisDate } from '@vigie/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inOrganisation } from '../src/platform/db/organisation-scope.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';

/**
 * Checklist templates per role: a coordinator writes an observers' arrival template with tasks
 * before arrival, on day 1 and in week 1, each with a default assignee role; starting an
 * observer's arrival copies the default template's tasks and the observers' ones with their due
 * days from the given arrival day and their assignees, overdue ones marked. Bad templates are
 * refused with their own message and nothing half-saved; a checklist started before templates
 * (fixed item codes, no day, no assignee) still reads and ticks.
 */
let t: TestVigie;
let admin: TestClient;
let coordinator: TestClient;
let organisationId: string;

const idOf = async (c: TestClient) => (await c.get('/api/auth/me')).json().user.id as string;
type Item = { id: string; item: string | null; label: string | null; dueOn: string | null; overdue: boolean; assigneeRole: string | null; assignee: string | null; done: boolean };
type View = { checklists: Array<{ kind: string; items: Item[] }> };
const items = (v: View, kind: string) => v.checklists.find((c) => c.kind === kind)?.items ?? [];
const plus = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestVigie();
  admin = await t.setUpAdmin();
  organisationId = (await admin.get('/api/auth/me')).json().user.organisationId;
  coordinator = await t.userWithRole(organisationId, 'coordinator');
}, 120_000);
afterAll(async () => { await t?.close(); });

describe('checklist templates per role', () => {
  it('starts with the default templates: the fixed items, with days and assignee roles', async () => {
    const res = await coordinator.get('/api/association/checklist-templates');
    expect(res.statusCode, res.body).toBe(200);
    const onboarding = res.json().templates.find((p: { kind: string; isDefault: boolean }) => p.kind === 'onboarding' && p.isDefault);
    expect(onboarding).toMatchObject({ role: null, active: true });
    expect(onboarding.tasks.map((x: { code: string }) => x.code)).toEqual(['account_given', 'charter_signed', 'keys_lent', 'equipment_lent', 'training_done']);
    expect(onboarding.tasks[0]).toMatchObject({ label: 'Compte créé et remis', relativeDay: -2, assigneeRole: 'admin' });
    // Read twice, seeded once.
    expect((await coordinator.get('/api/association/checklist-templates')).json().templates).toHaveLength(2);
  });

  it('refuses an empty label, a day beyond a year, an unknown role — each with its message, nothing saved', async () => {
    const base = { kind: 'onboarding', role: 'observer', name: 'Observateurs', active: true };
    const task = { label: 'Première observation en binôme', relativeDay: 7, assigneeRole: 'coordinator' };
    const cases: Array<[object, string, string]> = [
      [{ ...base, tasks: [task, { ...task, label: '   ' }] }, 'checklist_template.empty_label', 'n° 2'],
      [{ ...base, tasks: [{ ...task, relativeDay: 400 }] }, 'checklist_template.day_out_of_range', '365'],
      [{ ...base, role: 'astronaut', tasks: [task] }, 'checklist_template.unknown_role', 'astronaut'],
      [{ ...base, tasks: [{ ...task, assigneeRole: 'pilot' }] }, 'checklist_template.unknown_role', 'pilot'],
      [{ ...base, name: ' ', tasks: [task] }, 'checklist_template.empty_name', 'nom'],
    ];
    for (const [body, code, words] of cases) {
      const res = await coordinator.post('/api/association/checklist-templates', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code, message: expect.stringContaining(words) });
    }
    expect((await coordinator.get('/api/association/checklist-templates')).json().templates).toHaveLength(2);
    // Not for everybody: an observer cannot read or write templates.
    const observer = await t.userWithRole(organisationId, 'observer');
    expect((await observer.get('/api/association/checklist-templates')).statusCode).toBe(403);
  });

  it('an observer’s arrival: default tasks and the observers’ ones, due from the arrival day, assigned, overdue marked', async () => {
    const created = await coordinator.post('/api/association/checklist-templates', {
      kind: 'onboarding', role: 'observer', name: 'Observateurs', active: true, tasks: [
        { label: 'Formation terrain', relativeDay: 3, assigneeRole: 'coordinator' },
        { label: 'Lire le guide de l’observateur', relativeDay: -5, assigneeRole: null },
        { label: 'Première observation en binôme', relativeDay: 7, assigneeRole: 'observer' },
      ],
    });
    expect(created.statusCode, created.body).toBe(200);
    const mine = created.json().templates.find((p: { name: string }) => p.name === 'Observateurs');
    // Reordered: the reading first; the training deactivated; an end-of-month review added.
    const [training, reading, pair] = mine.tasks;
    const edited = await coordinator.put(`/api/association/checklist-templates/${mine.id}`, {
      kind: 'onboarding', role: 'observer', name: 'Observateurs de terrain', active: true, tasks: [
        { id: reading.id, label: reading.label, relativeDay: -5, assigneeRole: null },
        { id: pair.id, label: pair.label, relativeDay: 7, assigneeRole: 'observer' },
        { id: training.id, label: training.label, relativeDay: 3, assigneeRole: 'coordinator', active: false },
        { label: 'Point de fin de mois', relativeDay: 30, assigneeRole: 'coordinator' },
      ],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const after = edited.json().templates.find((p: { id: string }) => p.id === mine.id);
    expect(after.name).toBe('Observateurs de terrain');
    expect(after.tasks.map((x: { label: string; active: boolean }) => [x.label, x.active])).toEqual([
      ['Lire le guide de l’observateur', true], ['Première observation en binôme', true], ['Formation terrain', false], ['Point de fin de mois', true],
    ]);
    // A bad edit changes nothing.
    const bad = await coordinator.put(`/api/association/checklist-templates/${mine.id}`, { ...{ kind: 'onboarding', role: 'observer', name: 'X', active: true }, tasks: [{ label: 'ok', relativeDay: 1, assigneeRole: null }, { label: '', relativeDay: 1, assigneeRole: null }] });
    expect(bad.json().code).toBe('checklist_template.empty_label');
    const audited = [
      ...await t.db.selectFrom('audit_pending').select('action').where('action', 'like', 'checklist_template.%').execute(),
      ...await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'checklist_template.%').execute(),
    ];
    expect(audited.map((a) => a.action).sort()).toEqual(['checklist_template.changed', 'checklist_template.created']);

    // A volunteer's template does not apply to an observer.
    await coordinator.post('/api/association/checklist-templates', { kind: 'onboarding', role: 'volunteer', name: 'Bénévoles', active: true, tasks: [{ label: 'Maraude d’essai', relativeDay: 1, assigneeRole: null }] });

    const newcomer = await t.userWithRole(organisationId, 'observer');
    const newcomerId = await idOf(newcomer);
    const arrival = plus(parisDate(new Date()), -10);
    const started = await coordinator.post(`/api/association/people/${newcomerId}/checklists`, { kind: 'onboarding', date: arrival });
    expect(started.statusCode, started.body).toBe(200);
    const list = items(started.json(), 'onboarding');
    const byLabel = (l: string) => list.find((i) => (i.label ?? i.item) === l)!;
    expect(list.map((i) => i.label)).toEqual([
      'Compte créé et remis', 'Charte signée', 'Clés prêtées (formulaire signé)', 'Matériel prêté (téléphone, etc.)', 'Formation faite',
      'Lire le guide de l’observateur', 'Première observation en binôme', 'Point de fin de mois',
    ]);
    expect(byLabel('Compte créé et remis')).toMatchObject({ item: 'account_given', dueOn: plus(arrival, -2), assigneeRole: 'admin', assignee: 'Alix Admin', overdue: true });
    expect(byLabel('Lire le guide de l’observateur')).toMatchObject({ item: null, dueOn: plus(arrival, -5), assigneeRole: null, assignee: null, overdue: true });
    expect(byLabel('Première observation en binôme')).toMatchObject({ dueOn: plus(arrival, 7), assigneeRole: 'observer', assignee: 'observer user' });
    expect(byLabel('Point de fin de mois')).toMatchObject({ dueOn: plus(arrival, 30), assigneeRole: 'coordinator', assignee: 'coordinator user', overdue: false });
    // Ticked as before, and no longer overdue.
    const ticked = (await coordinator.post(`/api/association/checklist-items/${byLabel('Compte créé et remis').id}`, { done: true })).json();
    expect(items(ticked, 'onboarding')[0]).toMatchObject({ done: true, overdue: false });
    // Starting again adds nothing.
    expect(items((await coordinator.post(`/api/association/people/${newcomerId}/checklists`, { kind: 'onboarding' })).json(), 'onboarding')).toHaveLength(8);
    // A bad date is the caller's mistake.
    expect((await coordinator.post(`/api/association/people/${newcomerId}/checklists`, { kind: 'offboarding', date: '2026-13-40' })).statusCode).toBe(400);
  });

  it('a checklist started before templates (fixed items, no day, no assignee) still reads and ticks', async () => {
    const old = await t.userWithRole(organisationId, 'volunteer');
    const oldId = await idOf(old);
    const coordinatorId = await idOf(coordinator);
    await inOrganisation(t.db, organisationId, async (trx) => {
      await trx.insertInto('person_checklist_items').values(['account_given', 'charter_signed'].map((item, position) => ({
        organisation_id: organisationId, person_id: oldId, kind: 'onboarding', item, position, created_by: coordinatorId,
      }))).execute();
    });
    const page = await coordinator.get(`/api/association/people/${oldId}/checklists`);
    expect(page.statusCode, page.body).toBe(200);
    expect(items(page.json(), 'onboarding')).toEqual([
      expect.objectContaining({ item: 'account_given', label: null, dueOn: null, overdue: false, assigneeRole: null, assignee: null, done: false }),
      expect.objectContaining({ item: 'charter_signed', label: null, dueOn: null }),
    ]);
    const ticked = await coordinator.post(`/api/association/checklist-items/${items(page.json(), 'onboarding')[1]!.id}`, { done: true });
    expect(ticked.statusCode, ticked.body).toBe(200);
    expect(items(ticked.json(), 'onboarding')[1]!.done).toBe(true);
  });
});
